# fib: function calls. Naive recursive Fibonacci makes about 30 million calls,
# so the time is almost all call and return overhead plus a compare and an add.


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    print(fib(35))


main()
