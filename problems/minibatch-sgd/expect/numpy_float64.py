# Accepted: the same algorithm in numpy with the gradient worked out by hand,
# dL/dw = -2/|S| sum r_i x_i and dL/db = -2/|S| sum r_i with r_i = y_i - (w . x_i + b).
import sys

import numpy as np

tokens = sys.stdin.read().split()
n, d, B, eta, E = int(tokens[0]), int(tokens[1]), int(tokens[2]), float(tokens[3]), int(tokens[4])
data = np.array(tokens[5 : 5 + n * (d + 1)], dtype=float).reshape(n, d + 1)
X, y = data[:, :d], data[:, d]
perms = np.array(tokens[5 + n * (d + 1) :], dtype=int).reshape(E, n)
w, b = np.zeros(d), 0.0
for order in perms:
    for start in range(0, n, B):
        S = order[start : start + B]
        r = y[S] - (X[S] @ w + b)
        w, b = w + eta * 2 / len(S) * (X[S].T @ r), b + eta * 2 / len(S) * r.sum()
print(*w.tolist())
print(b)
