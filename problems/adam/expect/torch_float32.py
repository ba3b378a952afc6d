# Wrong: torch tensors in the default float32. A central difference with h = 1e-5 divides a
# difference of two nearly equal float32 losses (about 7 significant digits) by 2e-5, so the
# gradient is off by about 1 % and the path drifts away. Use Python floats or float64.
import torch

n = int(input())
p = torch.tensor([float(s) for s in input().split()])
lr, beta1, beta2, eps, h = 0.01, 0.9, 0.999, 1e-8, 1e-5


def L(p):
    return 0.26 * (p[0] ** 2 + p[1] ** 2) - 0.48 * p[0] * p[1]


m = torch.zeros(2)
v = torch.zeros(2)
e = torch.eye(2)
for t in range(1, n + 1):
    g = torch.stack([(L(p + h * e[i]) - L(p - h * e[i])) / (2 * h) for i in range(2)])
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    p = p - lr * (m / (1 - beta1**t)) / (torch.sqrt(v / (1 - beta2**t)) + eps)
print(p[0].item(), p[1].item())
