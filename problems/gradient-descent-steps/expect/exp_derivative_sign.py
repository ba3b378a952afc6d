# Wrong derivative: d/dx e^{-x} is -e^{-x}, not e^{-x}. The sample has c = 0, so it passes there
# and fails every hidden test with c != 0; on most of them x runs off to -infinity until exp(-x) raises
# OverflowError.
from math import exp

a, b, c = map(float, input().split())
x0, lr, n = input().split()
x, lr = float(x0), float(lr)
for _ in range(int(n)):
    x = x - lr * (2 * a * x + b + c * exp(-x))
    print(x)
