# Reference solution: compute the lecture's loss L(a, b) = (1/n) * sum (y_i - (a x_i + b))^2 for
# every candidate at once with numpy broadcasting, and take the smallest. The inputs are integers,
# so int64 arrays keep every residual and square exact; np.argmin returns the first of equal
# minima, which is the smallest index the statement asks for.
import numpy as np

n, k = map(int, input().split())
x = np.array(input().split(), dtype=np.int64)
y = np.array(input().split(), dtype=np.int64)
params = np.array([input().split() for _ in range(k)], dtype=np.int64)
a, b = params[:, 0:1], params[:, 1:2]  # shape (k, 1): one row per candidate

L = np.mean((y - (a * x + b)) ** 2, axis=1)  # shape (k,)
print(np.argmin(L) + 1)  # candidates are numbered from 1
