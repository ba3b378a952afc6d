# Wrong: visits the nodes breadth-first from the output instead of in reverse topological order.
# u is reached (through the direct edge z <- u) before h has added its share to u.grad, so u
# passes an incomplete grad on to x and w1; u.grad itself ends up right, x and w1 do not.
import math
from collections import deque


class Variable:
    def __init__(self, value, parents=()):
        self.value = value
        self.grad = 0.0
        self.parents = parents

    def backward(self):
        self.grad = 1.0
        queue, seen = deque([self]), {id(self)}
        while queue:
            v = queue.popleft()
            for parent, local in v.parents:
                parent.grad += local * v.grad
                if id(parent) not in seen:
                    seen.add(id(parent))
                    queue.append(parent)


def add(a, b):
    return Variable(a.value + b.value, parents=((a, 1.0), (b, 1.0)))


def mul(a, b):
    return Variable(a.value * b.value, parents=((a, b.value), (b, a.value)))


def sigmoid(a):
    s = 1 / (1 + math.exp(-a.value))
    return Variable(s, parents=((a, s * (1 - s)),))


def grads(x: float, w1: float, w2: float) -> dict:
    x, w1, w2 = Variable(x), Variable(w1), Variable(w2)
    u = mul(w1, x)
    y = sigmoid(add(mul(w2, sigmoid(u)), u))
    y.backward()
    return {"y": y.value, "u": u.grad, "x": x.grad, "w1": w1.grad, "w2": w2.grad}
