# Wrong: autograd runs on a new leaf tensor made from x1's values, so the gradient of the x1 the
# judge gave was never computed.
import torch

W = torch.tensor([[1.0, 2.0], [2.0, 1.0]], dtype=torch.float64)


def grad_at(x1: torch.Tensor) -> torch.Tensor:
    x = torch.tensor(x1.tolist(), dtype=torch.float64, requires_grad=True)
    torch.matmul(torch.matmul(x, W), x).backward()
    return x.grad
