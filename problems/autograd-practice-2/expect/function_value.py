# Wrong: prints the value of f at (1, 2, 3) (= 14) instead of its gradient.
import torch

x1 = torch.tensor(1.0, requires_grad=True)
x2 = torch.tensor(2.0, requires_grad=True)
x3 = torch.tensor(3.0, requires_grad=True)
y = x1 ** 2 + x2 ** 2 + x3 ** 2
y.backward()
print(y.item())
