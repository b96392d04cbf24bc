// points_stack: 5 million small structs built through a pointer that stays
// in the function: escape analysis keeps each &Point{} in the frame, so the
// loop allocates nothing (compare points_heap, where the pointer escapes).
package main

import "fmt"

type Point struct{ X, Y int }

func norm1(i int) int {
	p := &Point{i, -i >> 1}
	if p.Y < 0 {
		p.Y = -p.Y
	}
	return p.X + p.Y
}

func main() {
	sum := 0
	for i := 0; i < 5000000; i++ {
		sum += norm1(i) & 1023
	}
	fmt.Println(sum)
}
