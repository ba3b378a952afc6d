# Wrong on large values: Var = mean(x^2) - mean(x)^2 subtracts two numbers near 10^12 to get one
# near 1, and float64 keeps only about 16 digits of them (catastrophic cancellation). np.std
# subtracts the mean first.
import sys

import numpy as np

tokens = sys.stdin.read().split()
n, d = int(tokens[0]), int(tokens[1])
X = np.array(tokens[2 : 2 + n * d], dtype=np.float64).reshape(n, d)
k = int(tokens[2 + n * d])
train = np.array(tokens[3 + n * d : 3 + n * d + k], dtype=int)

is_train = np.zeros(n, dtype=bool)
is_train[train] = True
mean = X[is_train].mean(axis=0)
std = np.sqrt((X[is_train] ** 2).mean(axis=0) - mean**2)

for row in (X[~is_train] - mean) / std:  # validation rows, in increasing index order
    print(*row.tolist())
