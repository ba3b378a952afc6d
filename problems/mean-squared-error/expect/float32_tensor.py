# Wrong on large values: torch.tensor(..., dtype=torch.float) is float32, which keeps about 7
# significant digits. Near 2e7, a x + b and y are rounded by up to 2, as large as the residuals.
import torch

a, b = map(int, input().split())
x = torch.tensor(list(map(float, input().split())))
y = torch.tensor(list(map(float, input().split())))
L = torch.mean((y - (a * x + b)) ** 2)
print(L.item())
