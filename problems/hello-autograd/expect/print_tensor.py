# Wrong: prints the tensor itself, e.g. "tensor(2.2232)", which is not a number (and shows only
# four decimals). Print x.grad.item().
import torch

f = eval(input())
x = torch.tensor(float(input()), requires_grad=True)
f(x).backward()
print(x.grad)
