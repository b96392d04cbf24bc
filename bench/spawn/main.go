// spawn: 100,000 goroutines, all alive at once (each waits for a start
// signal), then released and joined by a WaitGroup.
package main

import (
	"fmt"
	"sync"
)

func worker(i int, start <-chan struct{}, results []int, wg *sync.WaitGroup) {
	<-start
	results[i] = i%7 + 1
	wg.Done()
}

func main() {
	const n = 100000
	var wg sync.WaitGroup
	start := make(chan struct{})
	results := make([]int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go worker(i, start, results, &wg)
	}
	close(start)
	wg.Wait()
	sum := 0
	for _, r := range results {
		sum += r
	}
	fmt.Println(n, sum)
}
