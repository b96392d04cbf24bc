# sort: list indexing, compare and swap, recursion. A hand-written quicksort
# (Hoare partition around the middle element) of 1,000,000 ints drawn from a
# 64-bit linear congruential generator, then a checksum over the sorted list.
import sys

MASK64 = (1 << 64) - 1


def quicksort(a, lo, hi):
    if lo >= hi:
        return
    p = a[(lo + hi) // 2]
    i, j = lo, hi
    while i <= j:
        while a[i] < p:
            i += 1
        while a[j] > p:
            j -= 1
        if i <= j:
            a[i], a[j] = a[j], a[i]
            i += 1
            j -= 1
    quicksort(a, lo, j)
    quicksort(a, i, hi)


def main():
    n = 1000000
    a = [0] * n
    x = 42
    for i in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) & MASK64
        a[i] = x >> 33

    quicksort(a, 0, n - 1)

    ok = True
    total = 0
    for i in range(n):
        if i > 0 and a[i - 1] > a[i]:
            ok = False
        total += a[i] * (i % 1000 + 1)
    print("sorted:", "true" if ok else "false")
    print("min:", a[0], "median:", a[n // 2], "max:", a[n - 1])
    print("checksum:", total)


sys.setrecursionlimit(10000)
main()
