# Reference solution: dy/dx of y = x^2 + 2x + 1 at x = 3 with autograd.
import torch

x = torch.tensor(3.0, requires_grad=True)  # 1. define
y = x ** 2 + 2 * x + 1                      # 2. compute
y.backward()                                # 3. backward()
print(x.grad.item())                        # 8.0
