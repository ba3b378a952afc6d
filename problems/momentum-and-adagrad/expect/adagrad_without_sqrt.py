# Wrong AdaGrad: divides by h instead of sqrt(h). The step must be lr f'(x) / (sqrt(h) + eps).
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

x, h = start.copy(), np.zeros(2)
for _ in range(n):
    g = grad(x)
    h = h + g * g
    x = x - lr_a * g / (h + 1e-8)
print(x[0], x[1])
