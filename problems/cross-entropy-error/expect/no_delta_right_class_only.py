# Wrong: takes only the probability of the right class (which avoids 0 · log 0 = nan) but still
# has no delta: when the right class itself is predicted with probability 0, log(0) = -inf and E
# comes out as inf. Passes the sample, fails the hidden tests where this happens.
import numpy as np

N = int(input())
y = np.array([input().split() for _ in range(N)], dtype=float)
t = np.array([input().split() for _ in range(N)], dtype=float)
print(-np.mean(np.log(y[t == 1])))
