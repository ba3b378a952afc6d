# Wrong: the loss measures how BAD a model is, so the best candidate has the smallest loss.
import numpy as np

n, k = map(int, input().split())
x = np.array(input().split(), dtype=np.int64)
y = np.array(input().split(), dtype=np.int64)
params = np.array([input().split() for _ in range(k)], dtype=np.int64)
L = np.mean((y - (params[:, 0:1] * x + params[:, 1:2])) ** 2, axis=1)
print(np.argmax(L) + 1)
