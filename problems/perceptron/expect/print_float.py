# Wrong: reads the numbers as floats, so the result prints as "5.0"; the answer is an integer and
# must be printed without a decimal point.
import numpy as np

n = int(input())
x = np.array(input().split(), dtype=float)
w = np.array(input().split(), dtype=float)
b = float(input())

print(w @ x + b)
