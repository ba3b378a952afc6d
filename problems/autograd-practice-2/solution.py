# Reference solution: the gradient of x1^2 + x2^2 + x3^2 at (1, 2, 3), one component per line.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.sum(x ** 2)
y.backward()
for g in x.grad.tolist():
    print(g)
