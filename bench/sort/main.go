// sort: slice indexing, compare and swap, recursion. A hand-written quicksort
// (Hoare partition around the middle element) of 1,000,000 ints drawn from a
// 64-bit linear congruential generator, then a checksum over the sorted slice.
package main

import "fmt"

func quicksort(a []int, lo, hi int) {
	if lo >= hi {
		return
	}
	p := a[(lo+hi)/2]
	i, j := lo, hi
	for i <= j {
		for a[i] < p {
			i++
		}
		for a[j] > p {
			j--
		}
		if i <= j {
			a[i], a[j] = a[j], a[i]
			i++
			j--
		}
	}
	quicksort(a, lo, j)
	quicksort(a, i, hi)
}

func main() {
	n := 1000000
	a := make([]int, n)
	var x uint64 = 42
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
		a[i] = int(x >> 33)
	}

	quicksort(a, 0, n-1)

	sorted := true
	sum := 0
	for i := 0; i < n; i++ {
		if i > 0 && a[i-1] > a[i] {
			sorted = false
		}
		sum += a[i] * (i%1000 + 1)
	}
	fmt.Println("sorted:", sorted)
	fmt.Println("min:", a[0], "median:", a[n/2], "max:", a[n-1])
	fmt.Println("checksum:", sum)
}
