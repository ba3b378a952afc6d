# Reference solution: minibatch SGD with autograd, the lecture's define -> compute -> backward()
# loop, one update per batch, gradients reset after every update.
import sys

import torch

tokens = sys.stdin.read().split()
n, d, B, eta, E = int(tokens[0]), int(tokens[1]), int(tokens[2]), float(tokens[3]), int(tokens[4])
pos = 5
rows = [[float(v) for v in tokens[pos + i * (d + 1) : pos + (i + 1) * (d + 1)]] for i in range(n)]
pos += n * (d + 1)
perms = [[int(v) for v in tokens[pos + e * n : pos + (e + 1) * n]] for e in range(E)]

X = torch.tensor([row[:d] for row in rows])
y = torch.tensor([row[d] for row in rows])
w = torch.zeros(d, requires_grad=True)
b = torch.tensor(0.0, requires_grad=True)

for order in perms:
    for start in range(0, n, B):
        batch = order[start : start + B]  # the last batch may have fewer than B rows
        loss = torch.mean((y[batch] - (X[batch] @ w + b)) ** 2)
        loss.backward()
        w.data = w.data - eta * w.grad
        b.data = b.data - eta * b.grad
        w.grad.zero_()
        b.grad.zero_()

print(*w.tolist())
print(b.item())
