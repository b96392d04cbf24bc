// sieve_scalar: prime counting by trial division, without arrays. Each odd
// candidate is divided by odd numbers up to its square root: a hot inner loop
// of modulo, compare and branch, with a small function call per candidate.
package main

import "fmt"

func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	if n%2 == 0 {
		return n == 2
	}
	for d := 3; d*d <= n; d += 2 {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func main() {
	const limit = 2000000
	count := 0
	last := 0
	for n := 0; n < limit; n++ {
		if isPrime(n) {
			count++
			last = n
		}
	}
	fmt.Println(count, last)
}
