# Wrong: prints the numpy array itself, "[-4. -3.]": the brackets make it not a list of numbers.
import numpy as np

n, m, k = map(int, input().split())
x = np.array(input().split(), dtype=float)
W1 = np.array([input().split() for _ in range(m)], dtype=float)
b1 = np.array(input().split(), dtype=float)
W2 = np.array([input().split() for _ in range(k)], dtype=float)
b2 = np.array(input().split(), dtype=float)

print(W2 @ np.maximum(0, W1 @ x + b1) + b2)
