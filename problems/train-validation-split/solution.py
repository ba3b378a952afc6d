# Reference solution: the mean and standard deviation come from the training rows only; the
# validation rows are only transformed with them (they stand in for data we do not have yet).
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
std = X[is_train].std(axis=0)  # numpy's default ddof=0: divide by k (population std)

for row in (X[~is_train] - mean) / std:  # validation rows, in increasing index order
    print(*row.tolist())
