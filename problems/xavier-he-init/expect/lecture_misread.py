# Wrong for the normal schemes: reads the lecture's N(0, sqrt(2/n)) as "variance sqrt(2/n)" and
# takes its square root as the std, (2/n)^(1/4). The lecture's second argument is the std itself.
import math

import torch

scheme, n, m = input().split()
n, m = int(n), int(m)
variance = 2 / (n + m) if scheme.startswith("xavier") else 2 / n
if scheme.endswith("uniform"):
    a = math.sqrt(3 * variance)
    W = torch.empty(m, n).uniform_(-a, a)
else:
    W = torch.randn(m, n) * math.sqrt(math.sqrt(variance))
for row in W.tolist():
    print(*row)
