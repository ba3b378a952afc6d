# Wrong: tanh'(x) = 1 - tanh(x) (the square is missing). Loses the tanh group only.
import numpy as np

name = input().strip()
x = np.array(input().split(), dtype=float)
if name == "sigmoid":
    y = 1 / (1 + np.exp(-x))
    dy = y * (1 - y)
elif name == "relu":
    y = np.maximum(0, x)
    dy = (x > 0).astype(float)
elif name == "tanh":
    y = np.tanh(x)
    dy = 1 - y
else:
    y = np.where(x > 0, x, 0.01 * x)
    dy = np.where(x > 0, 1.0, 0.01)
print(*y)
print(*dy)
