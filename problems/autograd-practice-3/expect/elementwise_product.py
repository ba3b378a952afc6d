# Wrong: `*` multiplies entry by entry (with broadcasting), it is not a matrix product, so this
# differentiates 3*x1_1^2 + 3*x1_2^2 instead of the quadratic form. Use torch.matmul or @.
import torch

W = torch.tensor([[1.0, 2.0], [2.0, 1.0]])
x1 = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.sum(x1 * W * x1)
y.backward()
print(*x1.grad.tolist())
