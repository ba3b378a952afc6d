# Wrong: applies ReLU on the output layer too; the output layer is the identity, so negative
# outputs come out as 0.
import numpy as np

n, m, k = map(int, input().split())
x = np.array(input().split(), dtype=float)
W1 = np.array([input().split() for _ in range(m)], dtype=float)
b1 = np.array(input().split(), dtype=float)
W2 = np.array([input().split() for _ in range(k)], dtype=float)
b2 = np.array(input().split(), dtype=float)

h = np.maximum(0, W1 @ x + b1)
print(*np.maximum(0, W2 @ h + b2))
