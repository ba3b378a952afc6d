# Runtime error on the tests whose x is written without a decimal point (e.g. "2"): eval makes it
# an int, torch.tensor(2, ...) is an integer tensor, and integer tensors cannot require gradients.
import torch

f = eval(input())
x = torch.tensor(eval(input()), requires_grad=True)
f(x).backward()
print(x.grad.item())
