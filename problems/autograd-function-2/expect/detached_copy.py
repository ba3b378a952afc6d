# Wrong: autograd runs on new leaf tensors made from the values, not on the tensors the judge gave,
# so the gradients of the given x1, x2, x3 were never computed.
import torch


def grad_at(x1: torch.Tensor, x2: torch.Tensor, x3: torch.Tensor) -> tuple:
    xs = [torch.tensor(x.item(), dtype=torch.float64, requires_grad=True) for x in (x1, x2, x3)]
    y = xs[0] ** 2 + xs[1] ** 2 + xs[2] ** 2
    y.backward()
    return xs[0].grad, xs[1].grad, xs[2].grad
