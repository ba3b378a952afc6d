# Reference solution: f'(x) by autograd (define -> compute -> backward()) and the two difference
# quotients, everything in float64.
import torch

f = eval(input())
x0 = float(input())  # float(): x may be written without a decimal point, like 2
h = float(input())

# 1. define  2. compute  3. backward()
x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
y = f(x)
y.backward()
exact = x.grad.item()


def value(t):
    return f(torch.tensor(t, dtype=torch.float64)).item()


forward = (value(x0 + h) - value(x0)) / h
central = (value(x0 + h) - value(x0 - h)) / (2 * h)
print(exact)
print(forward, forward - exact)
print(central, central - exact)
