# strings: building and scanning short strings. Each round builds a string a
# byte at a time by concatenation, appends a number, then walks it by index
# (len, s[i], byte compares) and compares it with the previous round's string.


def main():
    rounds = 200000
    width = 40
    total, es, less = 0, 0, 0
    prev = ""
    for r in range(rounds):
        s = ""
        for i in range(width):
            s += chr(ord("a") + (r * 7 + i) % 26)
        s += "#" + str(r)
        for i in range(len(s)):
            c = ord(s[i])
            if c == ord("e"):
                es += 1
            total += c
        if s < prev:
            less += 1
        prev = s
    print(len(prev), es, total, less)


main()
