# Wrong output: rounds every x to 3 decimals. The sample (2.4, 1.92, 1.536) looks the same, but
# the hidden tests need 1e-6.
from math import exp

a, b, c = map(float, input().split())
x0, lr, n = input().split()
x, lr = float(x0), float(lr)
for _ in range(int(n)):
    x = x - lr * (2 * a * x + b - c * exp(-x))
    print(f"{x:.3f}")
