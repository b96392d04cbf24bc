# spawn: 100,000 generators, all alive at once (each yields once, waiting
# for its start), then resumed to finish.
def worker(i, results):
    yield
    results[i] = i % 7 + 1


def main():
    n = 100000
    results = [0] * n
    gens = []
    for i in range(n):
        g = worker(i, results)
        next(g)
        gens.append(g)
    for g in gens:
        next(g, None)
    print(n, sum(results))


main()
