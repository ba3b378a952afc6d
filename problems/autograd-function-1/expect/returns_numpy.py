# Wrong: returns a numpy array; the signature says torch.Tensor.
import torch


def grad_at(x: torch.Tensor):
    (x**2 + 2 * x + 1).sum().backward()
    return x.grad.numpy()
