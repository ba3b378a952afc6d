# Reference solution: E = -(1/N) sum_n sum_k t_nk log(y_nk + delta) with numpy. delta = 1e-7 keeps
# log away from log(0) = -inf (and 0 · (-inf) = nan) where a prediction is exactly 0.
import numpy as np

N = int(input())
y = np.array([input().split() for _ in range(N)], dtype=float)  # N × 10 predictions
t = np.array([input().split() for _ in range(N)], dtype=float)  # N × 10 one-hot labels

delta = 1e-7
E = -np.sum(t * np.log(y + delta)) / N
print(E)
