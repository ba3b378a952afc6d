# Wrong: tanh from its definition (e^x - e^-x) / (e^x + e^-x). For |x| >= 710, np.exp
# overflows to inf and inf / inf is nan. Loses the tanh group only.
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
    y = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
    dy = 1 - y**2
else:
    y = np.where(x > 0, x, 0.01 * x)
    dy = np.where(x > 0, 1.0, 0.01)
print(*y)
print(*dy)
