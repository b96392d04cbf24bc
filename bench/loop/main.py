# loop: integer arithmetic in nested counted loops, 8000 x 8000 = 64 million
# iterations of a multiply, an add, a modulo and an accumulate; no calls.


def main():
    n = 8000
    total = 0
    for i in range(n):
        for j in range(n):
            total += (i * j + i + j) % 7
    print(total)


main()
