# Wrong: .item() turns each gradient into a Python float; the function must return tensors.
import torch


def grad_at(x1: torch.Tensor, x2: torch.Tensor, x3: torch.Tensor) -> tuple:
    y = x1**2 + x2**2 + x3**2
    y.backward()
    return x1.grad.item(), x2.grad.item(), x3.grad.item()
