# Runtime error: torch.tensor(3, ...) holds an integer, and only floating-point (or complex)
# tensors can require gradients (exercise 1.4 of the lecture). Write 3.0 instead.
import torch

x = torch.tensor(3, requires_grad=True)
y = x ** 2 + 2 * x + 1
y.backward()
print(x.grad.item())
