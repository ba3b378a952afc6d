# Partial score: the loop stops as soon as one update moves x by less than 1e-4. With a small
# learning rate the steps are that small while x is still about 0.012 from the minimiser.
import torch


def f(x):
    return -torch.log(1 / (1 + torch.exp(-x)) + 1) / (x ** 2 + 1)


x = torch.tensor(3.0, requires_grad=True)
lr = 0.01
while True:
    y = f(x)
    y.backward()
    step = lr * x.grad
    x.data = x.data - step
    x.grad.zero_()
    if abs(step.item()) < 1e-4:
        break

print(round(x.item(), 4))
