# Wrong: * multiplies entry by entry (with broadcasting), so this differentiates
# sum_ij W_ij x_j^2 = 3 x_1^2 + 3 x_2^2, not x1ᵀ W x1.
import torch

W = torch.tensor([[1.0, 2.0], [2.0, 1.0]], dtype=torch.float64)


def grad_at(x1: torch.Tensor) -> torch.Tensor:
    y = torch.sum(x1 * W * x1)
    y.backward()
    return x1.grad
