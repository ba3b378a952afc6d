# Wrong (leakage): the mean and std are computed on ALL rows, so the validation rows take part
# in their own preprocessing: information a real unseen row could not give us.
import sys

import numpy as np

tokens = sys.stdin.read().split()
n, d = int(tokens[0]), int(tokens[1])
X = np.array(tokens[2 : 2 + n * d], dtype=np.float64).reshape(n, d)
k = int(tokens[2 + n * d])
train = np.array(tokens[3 + n * d : 3 + n * d + k], dtype=int)

is_train = np.zeros(n, dtype=bool)
is_train[train] = True
mean = X.mean(axis=0)
std = X.std(axis=0)

for row in (X[~is_train] - mean) / std:  # validation rows, in increasing index order
    print(*row.tolist())
