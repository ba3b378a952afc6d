# Reference solution with autograd (session 3): y_i = f(x_i) depends only on x_i, so the gradient
# of y_1 + ... + y_n with respect to x is (f'(x_1), ..., f'(x_n)).
import torch
import torch.nn.functional as F

FUNCTIONS = {
    "sigmoid": torch.sigmoid,  # stable: no overflow at x = -1000
    "relu": torch.relu,  # its gradient at 0 is 0
    "tanh": torch.tanh,
    "leaky_relu": lambda x: F.leaky_relu(x, negative_slope=0.01),  # gradient 0.01 at 0
}

f = FUNCTIONS[input().strip()]
x = torch.tensor([float(v) for v in input().split()], requires_grad=True)
y = f(x)
y.sum().backward()
print(*y.tolist())
print(*x.grad.tolist())
