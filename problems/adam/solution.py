# Reference solution: Adam exactly as the statement defines it, in plain Python floats (float64),
# with the gradient from central differences.
from math import sqrt

n = int(input())
x, y = map(float, input().split())

lr, beta1, beta2, eps = 0.01, 0.9, 0.999, 1e-8
h = 1e-5


def L(x, y):
    return 0.26 * (x**2 + y**2) - 0.48 * x * y


m = [0.0, 0.0]
v = [0.0, 0.0]
for t in range(1, n + 1):  # t starts at 1: the bias corrections divide by 1 - beta^t
    # both partial derivatives at the current point, before either coordinate moves
    g = [(L(x + h, y) - L(x - h, y)) / (2 * h), (L(x, y + h) - L(x, y - h)) / (2 * h)]
    step = []
    for i in range(2):
        m[i] = beta1 * m[i] + (1 - beta1) * g[i]
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] ** 2
        m_hat = m[i] / (1 - beta1**t)
        v_hat = v[i] / (1 - beta2**t)
        step.append(lr * m_hat / (sqrt(v_hat) + eps))
    x -= step[0]
    y -= step[1]

print(x, y)
