# Reference solution: session 2's Momentum and AdaGrad with numpy vectors (x, y), so that every
# operation, the square and the square root included, works coordinate by coordinate.
import numpy as np

p, q = map(float, input().split())
start = np.array(input().split(), dtype=float)
n = int(input())
lr_m, alpha = map(float, input().split())
lr_a = float(input())
eps = 1e-8


def grad(z):  # f(x, y) = p x^2 + q y^2
    return np.array([2 * p * z[0], 2 * q * z[1]])


# Momentum: v_{n+1} = alpha v_n - lr f'(x_n), then x_{n+1} = x_n + v_{n+1}
x = start.copy()
v = np.zeros(2)
for _ in range(n):
    v = alpha * v - lr_m * grad(x)
    x = x + v
print(x[0], x[1])

# AdaGrad: h_{n+1} = h_n + f'(x_n)^2, then x_{n+1} = x_n - lr f'(x_n) / (sqrt(h_{n+1}) + eps)
x = start.copy()
h = np.zeros(2)
for _ in range(n):
    g = grad(x)
    h = h + g * g
    x = x - lr_a * g / (np.sqrt(h) + eps)
print(x[0], x[1])
