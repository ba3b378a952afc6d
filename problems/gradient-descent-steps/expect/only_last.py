# Wrong output: prints only x_N. All N iterates x_1, ..., x_N are asked for, one per line.
from math import exp

a, b, c = map(float, input().split())
x0, lr, n = input().split()
x, lr = float(x0), float(lr)
for _ in range(int(n)):
    x = x - lr * (2 * a * x + b - c * exp(-x))
print(x)
