# Wrong: torch.tensor([[1.0, 2.0], ...]) is float32 by default, x1 is float64, and matmul does not
# mix them: "RuntimeError: expected m1 and m2 to have the same dtype, but got: double != float".
import torch

W = torch.tensor([[1.0, 2.0], [2.0, 1.0]])


def grad_at(x1: torch.Tensor) -> torch.Tensor:
    y = torch.matmul(torch.matmul(x1, W), x1)
    y.backward()
    return x1.grad
