# Wrong: autograd runs on a new leaf tensor, not on the x the judge gave, so the gradient of the
# given x was never computed.
import torch


def grad_at(x: torch.Tensor) -> torch.Tensor:
    x = torch.tensor(x.tolist(), dtype=torch.float64, requires_grad=True)
    (x**2 + 2 * x + 1).sum().backward()
    return x.grad
