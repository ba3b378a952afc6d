# Wrong: torch's default float32. Autograd's f'(x) is still fine to about 1e-7, but f(x + h) and
# f(x) are rounded to about 1e-7 |f| each, and dividing their difference by h = 0.1 ... 0.0001
# magnifies that to 1e-6 ... 1e-3: far above the 1e-9 tolerance, and for small h as large as the
# truncation error being measured.
import torch

f = eval(input())
x0 = float(input())
h = float(input())

x = torch.tensor(x0, requires_grad=True)
f(x).backward()
exact = x.grad.item()
x = x.detach()
forward = ((f(x + h) - f(x)) / h).item()
central = ((f(x + h) - f(x - h)) / (2 * h)).item()
print(exact)
print(forward, forward - exact)
print(central, central - exact)
