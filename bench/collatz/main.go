// collatz: the longest Collatz chain for a start below a limit. Pure integer
// arithmetic (even test, halve or 3n+1) in a data-dependent while loop, with
// one call per starting number; no memoisation, so no arrays or maps.
package main

import "fmt"

func chainLength(n int) int {
	steps := 1
	for n != 1 {
		if n%2 == 0 {
			n = n / 2
		} else {
			n = 3*n + 1
		}
		steps++
	}
	return steps
}

func main() {
	const limit = 500000
	best, bestStart := 0, 0
	for start := 1; start < limit; start++ {
		if l := chainLength(start); l > best {
			best, bestStart = l, start
		}
	}
	fmt.Println(bestStart, best)
}
