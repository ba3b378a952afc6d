# Wrong: the central difference divided by h instead of 2h (the two points are 2h apart), which
# roughly doubles it.
import torch

f = eval(input())
x0 = float(input())
h = float(input())

x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
f(x).backward()
exact = x.grad.item()
x = x.detach()
forward = ((f(x + h) - f(x)) / h).item()
central = ((f(x + h) - f(x - h)) / h).item()
print(exact)
print(forward, forward - exact)
print(central, central - exact)
