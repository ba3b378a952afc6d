# Reference solution: read x, w and b as integer numpy arrays and compute w^T x + b.
import numpy as np

n = int(input())
x = np.array(input().split(), dtype=np.int64)
w = np.array(input().split(), dtype=np.int64)
b = int(input())

print(int(w @ x + b))  # int(...): print 5, not "np.int64(5)" or "5.0"
