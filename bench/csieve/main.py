# csieve: the concurrent prime sieve as a chain of generators, one filter per
# prime, each pulling numbers from the one before: the first 150 primes,
# 200 times.
import sys


def generate():
    i = 2
    while True:
        yield i
        i += 1


def filt(src, prime):
    for i in src:
        if i % prime != 0:
            yield i


def sieve(n):
    ch = generate()
    total = 0
    for _ in range(n):
        prime = next(ch)
        total += prime
        ch = filt(ch, prime)
    return total


def main():
    sys.setrecursionlimit(10000)
    total = 0
    for _ in range(200):
        total += sieve(150)
    print(total)


main()
