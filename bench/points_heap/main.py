# points_heap: as points_stack, each point also kept in a global.
class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


last = None


def norm1(i):
    global last
    p = Point(i, -i >> 1)
    if p.y < 0:
        p.y = -p.y
    last = p
    return p.x + p.y


s = 0
for i in range(5000000):
    s += norm1(i) & 1023
print(s, last.x)
