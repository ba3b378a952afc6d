# Wrong: prints the gradient (as a stdout problem would) and returns nothing, i.e. None.
import torch


def grad_at(x: torch.Tensor) -> None:
    (x**2 + 2 * x + 1).sum().backward()
    print(x.grad)
