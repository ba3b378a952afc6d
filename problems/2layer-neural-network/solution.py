# Reference solution: the forward pass y = W2 ReLU(W1 x + b1) + b2 with numpy.
import numpy as np

n, m, k = map(int, input().split())
x = np.array(input().split(), dtype=float)
W1 = np.array([input().split() for _ in range(m)], dtype=float)  # m rows of n: W1 is m × n
b1 = np.array(input().split(), dtype=float)
W2 = np.array([input().split() for _ in range(k)], dtype=float)  # k rows of m: W2 is k × m
b2 = np.array(input().split(), dtype=float)

h = np.maximum(0, W1 @ x + b1)  # hidden layer: ReLU
y = W2 @ h + b2  # output layer: identity
print(*y)  # "*" prints the numbers separated by spaces, not "[... ]"
