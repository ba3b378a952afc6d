# Wrong: prints W with shape (fan_in, fan_out), n lines of m numbers. W x needs W of shape (m, n).
import math

import torch

scheme, n, m = input().split()
n, m = int(n), int(m)
variance = 2 / (n + m) if scheme.startswith("xavier") else 2 / n
if scheme.endswith("uniform"):
    a = math.sqrt(3 * variance)
    W = torch.empty(n, m).uniform_(-a, a)
else:
    W = torch.randn(n, m) * math.sqrt(variance)
for row in W.tolist():
    print(*row)
