# Wrong: returns a list of numbers instead of the tensor.
import torch


def grad_at(x: torch.Tensor) -> list:
    (x**2 + 2 * x + 1).sum().backward()
    return x.grad.tolist()
