# Wrong: the sample standard deviation (ddof=1, divides by k - 1); the statement asks for the
# population one (ddof=0, numpy's default), which differs by a factor sqrt(k / (k - 1)).
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
std = X[is_train].std(axis=0, ddof=1)

for row in (X[~is_train] - mean) / std:  # validation rows, in increasing index order
    print(*row.tolist())
