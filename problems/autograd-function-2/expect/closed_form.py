# Wrong: the partial derivatives worked out by hand (2·xi) are the right numbers, but they did not
# come from autograd, which is what the exercise practises.
import torch


def grad_at(x1: torch.Tensor, x2: torch.Tensor, x3: torch.Tensor) -> tuple:
    return 2 * x1.detach(), 2 * x2.detach(), 2 * x3.detach()
