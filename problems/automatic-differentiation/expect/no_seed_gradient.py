# Wrong: forgets to start backward with self.grad = 1.0 (dy/dy = 1). Every product of the chain
# rule then starts from 0, so every gradient comes out 0 (the example shows it at once).
import math


class Variable:
    def __init__(self, value, parents=()):
        self.value = value  # the number this node holds
        self.grad = 0.0  # d(output)/d(this node), filled in by backward()
        self.parents = parents  # pairs (parent Variable, d(this node)/d(parent))

    def backward(self):
        # Topological order: a node comes after every node it was computed from.
        order, seen = [], set()

        def visit(v):
            if id(v) not in seen:
                seen.add(id(v))
                for parent, _ in v.parents:
                    visit(parent)
                order.append(v)

        visit(self)
        # From the output back to the inputs: when a node is reached, every path through it has
        # already added its share to its grad, so it can pass the grad on to its parents.
        for v in reversed(order):
            for parent, local in v.parents:
                parent.grad += local * v.grad


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
    h = sigmoid(u)
    z = add(mul(w2, h), u)
    y = sigmoid(z)
    y.backward()
    return {"y": y.value, "u": u.grad, "x": x.grad, "w1": w1.grad, "w2": w2.grad}
