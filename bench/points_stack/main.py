# points_stack: Python has no escape analysis; each point is a heap object,
# as in points_heap.
class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


def norm1(i):
    p = Point(i, -i >> 1)
    if p.y < 0:
        p.y = -p.y
    return p.x + p.y


s = 0
for i in range(5000000):
    s += norm1(i) & 1023
print(s)
