# Wrong: reads each weight matrix as one flat list and reshapes it as (inputs, outputs), then
# multiplies x @ W as in some textbooks. The input gives W row by row as outputs × inputs
# (W1 has m rows of n numbers), so the numbers end up in the wrong places.
import numpy as np

n, m, k = map(int, input().split())
x = np.array(input().split(), dtype=float)
W1 = np.array([v for _ in range(m) for v in input().split()], dtype=float).reshape(n, m)
b1 = np.array(input().split(), dtype=float)
W2 = np.array([v for _ in range(k) for v in input().split()], dtype=float).reshape(m, k)
b2 = np.array(input().split(), dtype=float)

h = np.maximum(0, x @ W1 + b1)
print(*(h @ W2 + b2))
