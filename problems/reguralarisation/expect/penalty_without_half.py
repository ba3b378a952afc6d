# Wrong: the penalty lambda ||W||^2 instead of (lambda / 2) ||W||^2; minimises (and prints)
# another function.
import torch

m, t = map(int, input().split())
x = torch.tensor([float(v) for v in input().split()])
y = torch.tensor([float(v) for v in input().split()])
lam = 1.0

W = torch.zeros(t, m, requires_grad=True)


def J(W):
    cross_entropy = -(y * torch.log_softmax(W @ x, dim=0)).sum()
    return cross_entropy + lam * (W**2).sum()


# J is (1 + ||x||^2 / 2)-smooth and 1-strongly convex; ||x||^2 <= 90, so lr = 0.02 is stable and
# every step shrinks the distance to the minimum by at least 2 %: after 1000 steps it is
# below 1e-8 of where it started.
lr = 0.02
for i in range(1000):
    loss = J(W)
    loss.backward()
    W.data = W.data - lr * W.grad
    W.grad.zero_()

print(J(W).item())
