package main

import "fmt"

// maps: a hash map of int keys. Insert 1M scattered keys, look every one
// up, delete half, look them all up again, and print a checksum: the
// runtime's mapassign, mapaccess and mapdelete, with growth along the way.

func main() {
	const n = 1000000
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[(i*2654435761)%4294967296] = i
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += m[(i*2654435761)%4294967296]
	}
	for i := 0; i < n; i += 2 {
		delete(m, (i*2654435761)%4294967296)
	}
	found := 0
	for i := 0; i < n; i++ {
		if v, ok := m[(i*2654435761)%4294967296]; ok {
			found++
			sum += v
		}
	}
	fmt.Println(len(m), found, sum)
}
