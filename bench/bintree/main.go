// bintree: allocation and the collector. The binary-trees program of the
// benchmarks game at depth 16: every tree is built bottom-up with &Node{...}
// and walked to count its nodes, so the time goes to allocating millions of
// small short-lived objects, collecting them, and chasing pointers.
package main

import "fmt"

type Node struct {
	left, right *Node
}

func bottomUpTree(depth int) *Node {
	if depth <= 0 {
		return &Node{}
	}
	return &Node{bottomUpTree(depth - 1), bottomUpTree(depth - 1)}
}

func (n *Node) itemCheck() int {
	if n.left == nil {
		return 1
	}
	return 1 + n.left.itemCheck() + n.right.itemCheck()
}

func main() {
	minDepth := 4
	maxDepth := 16
	stretchDepth := maxDepth + 1

	fmt.Printf("stretch tree of depth %d\t check: %d\n", stretchDepth, bottomUpTree(stretchDepth).itemCheck())

	longLived := bottomUpTree(maxDepth)

	for depth := minDepth; depth <= maxDepth; depth += 2 {
		iterations := 1 << (maxDepth - depth + minDepth)
		check := 0
		for i := 0; i < iterations; i++ {
			check += bottomUpTree(depth).itemCheck()
		}
		fmt.Printf("%d\t trees of depth %d\t check: %d\n", iterations, depth, check)
	}

	fmt.Printf("long lived tree of depth %d\t check: %d\n", maxDepth, longLived.itemCheck())
}
