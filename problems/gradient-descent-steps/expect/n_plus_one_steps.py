# Off by one: range(n + 1), like the lecture's `for i in range(10001)`, makes N + 1 updates and
# prints N + 1 numbers.
from math import exp

a, b, c = map(float, input().split())
x0, lr, n = input().split()
x, lr = float(x0), float(lr)
for _ in range(int(n) + 1):
    x = x - lr * (2 * a * x + b - c * exp(-x))
    print(x)
