# Wrong: prints tensors ("tensor(1., dtype=torch.float64)"), which are not numbers. Use .item().
import torch

f = eval(input())
x0 = float(input())
h = float(input())

x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
f(x).backward()
exact = x.grad
x = x.detach()
forward = (f(x + h) - f(x)) / h
central = (f(x + h) - f(x - h)) / (2 * h)
print(exact)
print(forward, forward - exact)
print(central, central - exact)
