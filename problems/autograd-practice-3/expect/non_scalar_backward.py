# Runtime error: x1^T W is a vector, not a scalar, and backward() without arguments needs a
# scalar ("grad can be implicitly created only for scalar outputs"). Multiply by x1 once more.
import torch

W = torch.tensor([[1.0, 2.0], [2.0, 1.0]])
x1 = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.matmul(x1, W)
y.backward()
print(*x1.grad.tolist())
