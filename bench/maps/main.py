# maps: a hash map of int keys. Insert 1M scattered keys, look every one
# up, delete half, look them all up again, and print a checksum.


def main():
    n = 1000000
    m = {}
    for i in range(n):
        m[(i * 2654435761) % 4294967296] = i
    s = 0
    for i in range(n):
        s += m.get((i * 2654435761) % 4294967296, 0)
    for i in range(0, n, 2):
        del m[(i * 2654435761) % 4294967296]
    found = 0
    for i in range(n):
        v = m.get((i * 2654435761) % 4294967296)
        if v is not None:
            found += 1
            s += v
    print(len(m), found, s)


main()
