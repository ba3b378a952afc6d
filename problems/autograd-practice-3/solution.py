# Reference solution: the gradient of x1^T W x1 with W = [[1, 2], [2, 1]] at x1 = (1, 2).
import torch

W = torch.tensor([[1.0, 2.0], [2.0, 1.0]])
x1 = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.matmul(torch.matmul(x1, W), x1)
y.backward()
print(*x1.grad.tolist())
