// points_heap: the same 5 million points as points_stack, but each pointer
// is stored in a package variable, so it escapes: every &Point{} is a heap
// allocation and the collector runs. The difference between the two times
// is what escape analysis saves.
package main

import "fmt"

type Point struct{ X, Y int }

var last *Point

func norm1(i int) int {
	p := &Point{i, -i >> 1}
	if p.Y < 0 {
		p.Y = -p.Y
	}
	last = p
	return p.X + p.Y
}

func main() {
	sum := 0
	for i := 0; i < 5000000; i++ {
		sum += norm1(i) & 1023
	}
	fmt.Println(sum, last.X)
}
