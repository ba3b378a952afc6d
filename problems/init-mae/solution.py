# Reference solution. L(c) = (1/n) * sum |y_i - c| decreases while more than half of the data lie
# above c and increases once more than half lie below it (its slope is (#below - #above) / n), so
# a median minimises it. For an even n any value between the two middle ones does; np.median
# returns their midpoint.
import numpy as np

y = np.array(input().split(), dtype=np.int64)
print(np.median(y))
