// select: 1,000,000 selects over three unbuffered channels fed in turn by
// one producer goroutine.
package main

import "fmt"

func produce(a, b, c chan<- int, n int) {
	for i := 0; i < n; i++ {
		switch i % 3 {
		case 0:
			a <- i
		case 1:
			b <- i
		default:
			c <- i
		}
	}
}

func main() {
	const n = 1000000
	a, b, c := make(chan int), make(chan int), make(chan int)
	go produce(a, b, c, n)
	sum := 0
	for i := 0; i < n; i++ {
		select {
		case v := <-a:
			sum += v
		case v := <-b:
			sum += 2 * v
		case v := <-c:
			sum += 3 * v
		}
	}
	fmt.Println(sum)
}
