# sieve_scalar: prime counting by trial division, without arrays. Each odd
# candidate is divided by odd numbers up to its square root: a hot inner loop
# of modulo, compare and branch, with a small function call per candidate.


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def main():
    limit = 2000000
    count = 0
    last = 0
    for n in range(limit):
        if is_prime(n):
            count += 1
            last = n
    print(count, last)


main()
