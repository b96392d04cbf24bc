// fib: function calls. Naive recursive Fibonacci makes about 30 million calls,
// so the time is almost all call and return overhead plus a compare and an add.
package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	fmt.Println(fib(35))
}
