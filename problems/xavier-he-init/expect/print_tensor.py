# Wrong: prints the tensor itself ("tensor([[...]])", abbreviated with "..."), not the numbers.
import math

import torch

scheme, n, m = input().split()
n, m = int(n), int(m)
variance = 2 / (n + m) if scheme.startswith("xavier") else 2 / n
print(torch.randn(m, n) * math.sqrt(variance))
