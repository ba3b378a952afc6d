# Right too: torch.autograd.grad returns the gradient instead of storing it in x.grad.
import torch


def grad_at(x: torch.Tensor) -> torch.Tensor:
    y = (x**2 + 2 * x + 1).sum()
    (grad,) = torch.autograd.grad(y, x)
    return grad
