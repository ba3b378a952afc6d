# Runtime error: reads every number of line 2 with int(). The sample's x_0 is 3 and N is 3, but
# its learning rate is 0.1, and int("0.1") raises ValueError.
from math import exp

a, b, c = map(float, input().split())
x, lr, n = map(int, input().split())
for _ in range(n):
    x = x - lr * (2 * a * x + b - c * exp(-x))
    print(x)
