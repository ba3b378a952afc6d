# Wrong: prints the tensor itself, "tensor(8.)", which is not a number. Use x.grad.item().
import torch

x = torch.tensor(3.0, requires_grad=True)
y = x ** 2 + 2 * x + 1
y.backward()
print(x.grad)
