# Reference solution: turn line 1 into a function with eval, then define -> compute -> backward().
import torch

f = eval(input())
x = torch.tensor(float(input()), requires_grad=True)  # float(): line 2 may be an integer like 2
y = f(x)
y.backward()
print(x.grad.item())
