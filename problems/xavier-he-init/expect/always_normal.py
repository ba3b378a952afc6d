# Wrong for the uniform schemes: draws from a normal distribution with the right variance. The
# variance test passes, but about 8% of the weights lie outside [-a, a] (and the share within a/2
# is off), so the uniform groups (50 points) are lost.
import math

import torch

scheme, n, m = input().split()
n, m = int(n), int(m)
variance = 2 / (n + m) if scheme.startswith("xavier") else 2 / n
W = torch.randn(m, n) * math.sqrt(variance)
for row in W.tolist():
    print(*row)
