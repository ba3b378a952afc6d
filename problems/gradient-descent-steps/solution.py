# Reference solution, as in session 2's "Pythonによる実装": plain Python floats and a loop.
from math import exp

a, b, c = map(float, input().split())
x0, lr, n = input().split()
x = float(x0)
lr = float(lr)  # float(), not int(): the learning rate is usually a decimal like 0.1
n = int(n)


# f(x) = a x^2 + b x + c e^{-x}, so f'(x) = 2 a x + b - c e^{-x}
def grad(x):
    return 2 * a * x + b - c * exp(-x)


for _ in range(n):  # exactly N updates: x_1, ..., x_N (x_0 itself is not printed)
    x = x - lr * grad(x)
    print(x)
