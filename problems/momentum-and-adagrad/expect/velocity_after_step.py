# Wrong Momentum: moves x with the old velocity v_n and updates v afterwards. The lecture's
# order is v_{n+1} = alpha v_n - lr f'(x_n) first, then x_{n+1} = x_n + v_{n+1}.
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
    x, v = x + v, alpha * v - lr_m * grad(x)
print(x[0], x[1])

x, h = start.copy(), np.zeros(2)
for _ in range(n):
    g = grad(x)
    h = h + g * g
    x = x - lr_a * g / (np.sqrt(h) + 1e-8)
print(x[0], x[1])
