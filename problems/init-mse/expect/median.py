# Wrong: the median minimises the sum of ABSOLUTE errors, sum |y_i - c|, not of squared errors.
# It differs from the mean on skewed data (0 0 0 0 10: median 0, mean 2).
import numpy as np

y = np.array(input().split(), dtype=np.int64)
print(np.median(y))
