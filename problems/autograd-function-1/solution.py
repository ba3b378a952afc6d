import torch


def grad_at(x: torch.Tensor) -> torch.Tensor:
    y = (x**2 + 2 * x + 1).sum()
    y.backward()
    return x.grad
