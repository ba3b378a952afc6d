# Time limit exceeded: with a learning rate of 1e-5 gradient descent needs millions of steps,
# and a million autograd steps take minutes, far over the time limit.
import torch


def f(x):
    return -torch.log(1 / (1 + torch.exp(-x)) + 1) / (x ** 2 + 1)


x = torch.tensor(3.0, requires_grad=True)
lr = 1e-5
for i in range(3_000_000):
    y = f(x)
    y.backward()
    x.data = x.data - lr * x.grad
    x.grad.zero_()

print(x.item())
