# Wrong for He: uses Xavier's variance 2 / (n + m) for every scheme. He's variance is 2 / n, which
# the checker's variance test tells apart; only the two Xavier groups (25 + 25 points) pass.
import math

import torch

scheme, n, m = input().split()
n, m = int(n), int(m)
if scheme.endswith("uniform"):
    a = math.sqrt(6 / (n + m))
    W = torch.empty(m, n).uniform_(-a, a)
else:
    W = torch.randn(m, n) * math.sqrt(2 / (n + m))
for row in W.tolist():
    print(*row)
