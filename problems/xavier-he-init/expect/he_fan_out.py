# Wrong for He: divides by fan_out (m, the number of lines) instead of fan_in (n, the inputs of
# each neuron). Xavier is symmetric in n and m, so only the He groups are lost.
import math

import torch

scheme, n, m = input().split()
n, m = int(n), int(m)
variance = 2 / (n + m) if scheme.startswith("xavier") else 2 / m
if scheme.endswith("uniform"):
    a = math.sqrt(3 * variance)
    W = torch.empty(m, n).uniform_(-a, a)
else:
    W = torch.randn(m, n) * math.sqrt(variance)
for row in W.tolist():
    print(*row)
