# Reference solution: the loss of the lecture, L(a, b) = (1/n) * sum (y_i - f(x_i; a, b))^2 with
# f(x; a, b) = a x + b, computed with numpy. The inputs are integers, so the arrays are int64:
# every residual and square is exact, and np.mean divides once, in float64.
import numpy as np

a, b = map(int, input().split())
x = np.array(input().split(), dtype=np.int64)
y = np.array(input().split(), dtype=np.int64)

L = np.mean((y - (a * x + b)) ** 2)
print(L)
