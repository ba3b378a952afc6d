# Wrong: a forward difference (f(x + h) - f(x)) / h instead of autograd. In float32, with
# h = 1e-4, rounding and truncation errors are far above the 1e-4 tolerance.
import torch

f = eval(input())
x = torch.tensor(float(input()))
h = 1e-4
print(((f(x + h) - f(x)) / h).item())
