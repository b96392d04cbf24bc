# select: 1,000,000 values from a producer generator on three "channels"
# (it yields the channel and the value; the consumer dispatches on the
# channel, as a select's cases would).
def producer(n):
    for i in range(n):
        yield i % 3, i


def main():
    n = 1000000
    total = 0
    for k, v in producer(n):
        if k == 0:
            total += v
        elif k == 1:
            total += 2 * v
        else:
            total += 3 * v
    print(total)


main()
