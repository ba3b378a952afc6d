# Right too: torch.autograd.grad returns the three gradients as a tuple instead of storing them.
import torch


def grad_at(x1: torch.Tensor, x2: torch.Tensor, x3: torch.Tensor) -> tuple:
    y = x1**2 + x2**2 + x3**2
    return torch.autograd.grad(y, [x1, x2, x3])
