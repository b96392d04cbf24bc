# bintree: allocation and the collector. The binary-trees program of the
# benchmarks game at depth 16: every tree is built bottom-up as a Node with
# __slots__ (left, right) and walked to count its nodes, so the time goes to
# allocating millions of small short-lived objects, collecting them, and
# chasing pointers.


class Node:
    __slots__ = ("left", "right")

    def __init__(self, left, right):
        self.left = left
        self.right = right


def bottom_up_tree(depth):
    if depth <= 0:
        return Node(None, None)
    return Node(bottom_up_tree(depth - 1), bottom_up_tree(depth - 1))


def item_check(n):
    if n.left is None:
        return 1
    return 1 + item_check(n.left) + item_check(n.right)


def main():
    min_depth = 4
    max_depth = 16
    stretch_depth = max_depth + 1

    print("stretch tree of depth %d\t check: %d" % (stretch_depth, item_check(bottom_up_tree(stretch_depth))))

    long_lived = bottom_up_tree(max_depth)

    for depth in range(min_depth, max_depth + 1, 2):
        iterations = 1 << (max_depth - depth + min_depth)
        check = 0
        for _ in range(iterations):
            check += item_check(bottom_up_tree(depth))
        print("%d\t trees of depth %d\t check: %d" % (iterations, depth, check))

    print("long lived tree of depth %d\t check: %d" % (max_depth, item_check(long_lived)))


main()
