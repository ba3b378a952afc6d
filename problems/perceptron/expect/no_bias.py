# Wrong: forgets the bias b and prints only w^T x.
import numpy as np

n = int(input())
x = np.array(input().split(), dtype=np.int64)
w = np.array(input().split(), dtype=np.int64)
b = int(input())

print(int(w @ x))
