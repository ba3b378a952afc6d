# Wrong: returns y (a 0-dimensional tensor with grad_fn=<DotBackward0>), the value of the function,
# instead of the gradient x1.grad.
import torch

W = torch.tensor([[1.0, 2.0], [2.0, 1.0]], dtype=torch.float64)


def grad_at(x1: torch.Tensor) -> torch.Tensor:
    y = torch.matmul(torch.matmul(x1, W), x1)
    y.backward()
    return y
