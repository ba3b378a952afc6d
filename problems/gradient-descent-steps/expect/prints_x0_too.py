# Off by one: prints x_0, x_1, ..., x_{N-1} (prints before updating). The first printed number
# must be x_1, the point after the first update, and the last one x_N.
from math import exp

a, b, c = map(float, input().split())
x0, lr, n = input().split()
x, lr = float(x0), float(lr)
for _ in range(int(n)):
    print(x)
    x = x - lr * (2 * a * x + b - c * exp(-x))
