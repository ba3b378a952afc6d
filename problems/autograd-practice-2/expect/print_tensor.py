# Wrong: prints the gradient tensor, "tensor([2., 4., 6.])", instead of three plain numbers.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x[0] ** 2 + x[1] ** 2 + x[2] ** 2
y.backward()
print(x.grad)
