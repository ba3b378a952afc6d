# Wrong for the normal schemes: multiplies by the variance 2 / n where the standard deviation
# sqrt(2 / n) belongs (torch.randn has std 1, so the factor is a std). The variance of the weights
# becomes (2 / n)^2. The uniform schemes are right (50 points).
import math

import torch

scheme, n, m = input().split()
n, m = int(n), int(m)
variance = 2 / (n + m) if scheme.startswith("xavier") else 2 / n
if scheme.endswith("uniform"):
    a = math.sqrt(3 * variance)
    W = torch.empty(m, n).uniform_(-a, a)
else:
    W = torch.randn(m, n) * variance
for row in W.tolist():
    print(*row)
