# Wrong: the derivative worked out by hand (2x + 2) is the right number, but it did not come from
# autograd, which is what the exercise practises.
import torch


def grad_at(x: torch.Tensor) -> torch.Tensor:
    return 2 * x.detach() + 2
