# Wrong: returns y (a tensor with grad_fn=<AddBackward0>), the value of the function, instead of
# its gradient.
import torch


def grad_at(x1: torch.Tensor, x2: torch.Tensor, x3: torch.Tensor) -> torch.Tensor:
    y = x1**2 + x2**2 + x3**2
    y.backward()
    return y
