# pingpong: 1,000,000 round trips between the main program and a generator
# (send carries the ping, yield the pong).
def ponger():
    v = yield
    while True:
        v = yield v + 1


def main():
    n = 1000000
    g = ponger()
    next(g)
    total = 0
    for i in range(n):
        total += g.send(i)
    print(total)


main()
