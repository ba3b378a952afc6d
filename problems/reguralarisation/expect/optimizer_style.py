# Correct too, in the heavier style of session 6: torch.optim.SGD and F.cross_entropy, the same
# 1000 steps of lr = 0.02 as the reference, each step several times as costly. It must stay well
# inside the time limit.
import torch
import torch.nn.functional as F

m, t = map(int, input().split())
x = torch.tensor([float(v) for v in input().split()])
label = [int(v) for v in input().split()].index(1)

W = torch.zeros(t, m, requires_grad=True)
optimizer = torch.optim.SGD([W], lr=0.02)
for i in range(1000):
    optimizer.zero_grad()
    loss = F.cross_entropy((W @ x).unsqueeze(0), torch.tensor([label])) + 0.5 * (W**2).sum()
    loss.backward()
    optimizer.step()
print(loss.item())
