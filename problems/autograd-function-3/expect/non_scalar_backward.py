# Wrong: W x1 is a vector, and backward() without arguments needs a scalar:
# "RuntimeError: grad can be implicitly created only for scalar outputs".
import torch

W = torch.tensor([[1.0, 2.0], [2.0, 1.0]], dtype=torch.float64)


def grad_at(x1: torch.Tensor) -> torch.Tensor:
    y = torch.matmul(W, x1)
    y.backward()
    return x1.grad
