// csieve: the concurrent prime sieve (a chain of filter goroutines, one per
// prime, connected by unbuffered channels): the first 150 primes, 200 times.
package main

import "fmt"

func generate(ch chan<- int) {
	for i := 2; ; i++ {
		ch <- i
	}
}

func filter(in <-chan int, out chan<- int, prime int) {
	for {
		i := <-in
		if i%prime != 0 {
			out <- i
		}
	}
}

func sieve(n int) int {
	ch := make(chan int)
	go generate(ch)
	sum := 0
	for i := 0; i < n; i++ {
		prime := <-ch
		sum += prime
		ch1 := make(chan int)
		go filter(ch, ch1, prime)
		ch = ch1
	}
	return sum
}

func main() {
	total := 0
	for r := 0; r < 200; r++ {
		total += sieve(150)
	}
	fmt.Println(total)
}
