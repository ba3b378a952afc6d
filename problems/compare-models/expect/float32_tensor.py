# Wrong on a near tie: float32 (torch's default for decimal numbers) keeps about 7 significant
# digits, too few to tell apart two losses of about 1e10 that differ by 400.
import torch

n, k = map(int, input().split())
x = torch.tensor(list(map(float, input().split())))
y = torch.tensor(list(map(float, input().split())))
params = torch.tensor([list(map(float, input().split())) for _ in range(k)])
L = torch.mean((y - (params[:, 0:1] * x + params[:, 1:2])) ** 2, dim=1)
print(torch.argmin(L).item() + 1)
