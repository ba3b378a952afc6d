# Reference solution: subtract the maximum before exp, which changes nothing mathematically
# (the factor exp(-max) cancels) but keeps every exp(...) in [0, 1], so nothing overflows.
import numpy as np

x = np.array(input().split(), dtype=float)
e = np.exp(x - x.max())
print(*(e / e.sum()))
