# Wrong AdaGrad: one h for both coordinates (the squared length of the gradient). AdaGrad keeps
# an h per coordinate, so a steep direction does not slow down a flat one.
import numpy as np

p, q = map(float, input().split())
start = np.array(input().split(), dtype=float)
n = int(input())
lr_m, alpha = map(float, input().split())
lr_a = float(input())


def grad(z):
    return np.array([2 * p * z[0], 2 * q * z[1]])


x, v = start.copy(), np.zeros(2)
for _ in range(n):
    v = alpha * v - lr_m * grad(x)
    x = x + v
print(x[0], x[1])

x, h = start.copy(), 0.0
for _ in range(n):
    g = grad(x)
    h = h + np.sum(g * g)
    x = x - lr_a * g / (np.sqrt(h) + 1e-8)
print(x[0], x[1])
