# Right too: the @ operator, W made with x1's dtype, and torch.autograd.grad.
import torch


def grad_at(x1: torch.Tensor) -> torch.Tensor:
    W = torch.tensor([[1.0, 2.0], [2.0, 1.0]], dtype=x1.dtype)
    (grad,) = torch.autograd.grad(x1 @ W @ x1, x1)
    return grad
