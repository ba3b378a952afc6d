# Wrong: prints a Python list, "[0.09, 0.24, 0.66]": brackets and commas are not numbers.
import numpy as np

x = np.array(input().split(), dtype=float)
e = np.exp(x - x.max())
print(list(e / e.sum()))
