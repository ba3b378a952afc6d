# Right too: backward by recursion along every path from the output (no topological sort). Each
# path adds its product of local derivatives (the chain rule summed over paths, as in the
# lecture); it visits a node once per path, which is fine for a small graph.
import math


class Variable:
    def __init__(self, value, parents=()):
        self.value = value
        self.grad = 0.0
        self.parents = parents

    def backward(self, grad=1.0):
        self.grad += grad
        for parent, local in self.parents:
            parent.backward(grad * local)


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
