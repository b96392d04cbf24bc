// loop: integer arithmetic in nested counted loops, 8000 x 8000 = 64 million
// iterations of a multiply, an add, a modulo and an accumulate; no calls.
package main

import "fmt"

func main() {
	const n = 8000
	sum := 0
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			sum += (i*j + i + j) % 7
		}
	}
	fmt.Println(sum)
}
