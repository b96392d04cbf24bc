# collatz: the longest Collatz chain for a start below a limit. Pure integer
# arithmetic (even test, halve or 3n+1) in a data-dependent while loop, with
# one call per starting number; no memoisation, so no arrays or maps.


def chain_length(n):
    steps = 1
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


def main():
    limit = 500000
    best, best_start = 0, 0
    for start in range(1, limit):
        length = chain_length(start)
        if length > best:
            best, best_start = length, start
    print(best_start, best)


main()
