# Wrong on large values: torch's default float32 keeps about 7 digits, so a feature near 10^6 is
# rounded to 1/16 before anything is computed; its spread is only about 1.
import sys

import torch

tokens = sys.stdin.read().split()
n, d = int(tokens[0]), int(tokens[1])
X = torch.tensor([float(v) for v in tokens[2 : 2 + n * d]]).reshape(n, d)
k = int(tokens[2 + n * d])
train = [int(v) for v in tokens[3 + n * d : 3 + n * d + k]]
is_train = torch.zeros(n, dtype=torch.bool)
is_train[train] = True
mean = X[is_train].mean(dim=0)
std = X[is_train].std(dim=0, unbiased=False)
for row in ((X[~is_train] - mean) / std).tolist():
    print(*row)
