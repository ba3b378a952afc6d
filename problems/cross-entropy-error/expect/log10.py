# Wrong: the common logarithm log10; cross-entropy uses the natural logarithm.
import numpy as np

N = int(input())
y = np.array([input().split() for _ in range(N)], dtype=float)
t = np.array([input().split() for _ in range(N)], dtype=float)
print(-np.sum(t * np.log10(y + 1e-7)) / N)
