# Wrong: takes relu'(0) = 1 (x >= 0); the statement fixes relu'(0) = 0, as PyTorch does.
# Loses the relu group only.
import numpy as np

name = input().strip()
x = np.array(input().split(), dtype=float)
if name == "sigmoid":
    y = 1 / (1 + np.exp(-x))
    dy = y * (1 - y)
elif name == "relu":
    y = np.maximum(0, x)
    dy = (x >= 0).astype(float)
elif name == "tanh":
    y = np.tanh(x)
    dy = 1 - y**2
else:
    y = np.where(x > 0, x, 0.01 * x)
    dy = np.where(x > 0, 1.0, 0.01)
print(*y)
print(*dy)
