# Wrong: copies the lecture's diff() with its fixed h = 1e-6 and ignores the h of the input.
import torch

f = eval(input())
x0 = float(input())
input()
h = 1e-6

x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
f(x).backward()
exact = x.grad.item()
x = x.detach()
forward = ((f(x + h) - f(x)) / h).item()
central = ((f(x + h) - f(x - h)) / (2 * h)).item()
print(exact)
print(forward, forward - exact)
print(central, central - exact)
