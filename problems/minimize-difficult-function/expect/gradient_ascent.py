# Wrong (score 0): the update has the wrong sign, x + lr * grad, so x climbs away from the
# minimum towards the flat region where f approaches 0.
import torch


def f(x):
    return -torch.log(1 / (1 + torch.exp(-x)) + 1) / (x ** 2 + 1)


x = torch.tensor(3.0, requires_grad=True)
lr = 0.01
for i in range(10001):
    y = f(x)
    y.backward()
    x.data = x.data + lr * x.grad
    x.grad.zero_()

print(x.item())
