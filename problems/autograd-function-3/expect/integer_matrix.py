# Wrong: W written with whole numbers is an int64 tensor, and matmul does not mix float64 with
# int64: "RuntimeError: expected m1 and m2 to have the same dtype".
import torch

W = torch.tensor([[1, 2], [2, 1]])


def grad_at(x1: torch.Tensor) -> torch.Tensor:
    y = torch.matmul(torch.matmul(x1, W), x1)
    y.backward()
    return x1.grad
