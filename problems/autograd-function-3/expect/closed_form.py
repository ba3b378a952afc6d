# Wrong: the gradient worked out by hand, (W + Wᵀ) x1 = 2 W x1, has the right numbers, but it did
# not come from autograd, which is what the exercise practises.
import torch

W = torch.tensor([[1.0, 2.0], [2.0, 1.0]], dtype=torch.float64)


def grad_at(x1: torch.Tensor) -> torch.Tensor:
    return 2 * torch.matmul(W, x1.detach())
