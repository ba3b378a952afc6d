# Wrong: moves along +f'(x) (gradient ascent). The update is x - lr * f'(x): the value decreases
# when x moves in the direction of -f'(x).
from math import exp

a, b, c = map(float, input().split())
x0, lr, n = input().split()
x, lr = float(x0), float(lr)
for _ in range(int(n)):
    x = x + lr * (2 * a * x + b - c * exp(-x))
    print(x)
