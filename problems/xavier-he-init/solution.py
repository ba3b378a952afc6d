# Reference solution: draw W (fan_out x fan_in) with the lecture's formulas and print it row by row.
import math

import torch

scheme, n, m = input().split()
n, m = int(n), int(m)  # n = fan_in (inputs), m = fan_out (outputs); W x has shape (m,)

if scheme == "xavier-uniform":
    a = math.sqrt(6 / (n + m))
    W = torch.empty(m, n).uniform_(-a, a)
elif scheme == "xavier-normal":
    W = torch.randn(m, n) * math.sqrt(2 / (n + m))  # standard deviation sqrt(2 / (n + m))
elif scheme == "he-uniform":
    a = math.sqrt(6 / n)
    W = torch.empty(m, n).uniform_(-a, a)
else:  # he-normal
    W = torch.randn(m, n) * math.sqrt(2 / n)  # N(0, sqrt(2/n)): sqrt(2/n) is the std

for row in W.tolist():
    print(*row)
