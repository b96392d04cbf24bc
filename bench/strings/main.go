// strings: building and scanning short strings. Each round builds a string a
// byte at a time by concatenation, appends a number, then walks it by index
// (len, s[i], byte compares) and compares it with the previous round's string.
package main

import (
	"fmt"
	"strconv"
)

func main() {
	const rounds = 200000
	const width = 40
	total, es, less := 0, 0, 0
	prev := ""
	for r := 0; r < rounds; r++ {
		s := ""
		for i := 0; i < width; i++ {
			s += string(rune('a' + (r*7+i)%26))
		}
		s += "#" + strconv.Itoa(r)
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == 'e' {
				es++
			}
			total += int(c)
		}
		if s < prev {
			less++
		}
		prev = s
	}
	fmt.Println(len(prev), es, total, less)
}
