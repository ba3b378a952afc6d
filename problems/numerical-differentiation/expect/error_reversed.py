# Wrong: the error is asked as (estimate) - (exact); this prints exact - estimate, the wrong sign.
import torch

f = eval(input())
x0 = float(input())
h = float(input())

x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
f(x).backward()
exact = x.grad.item()
x = x.detach()
forward = ((f(x + h) - f(x)) / h).item()
central = ((f(x + h) - f(x - h)) / (2 * h)).item()
print(exact)
print(forward, exact - forward)
print(central, exact - central)
