# Wrong: the sum over the N data instead of the mean (forgets the 1/N).
import numpy as np

N = int(input())
y = np.array([input().split() for _ in range(N)], dtype=float)
t = np.array([input().split() for _ in range(N)], dtype=float)
print(-np.sum(t * np.log(y + 1e-7)))
