# Wrong: prints the tensor itself, "tensor(100., dtype=torch.float64)", which is not a number.
# Print L.item().
import torch

a, b = map(int, input().split())
x = torch.tensor(list(map(int, input().split())), dtype=torch.float64)
y = torch.tensor(list(map(int, input().split())), dtype=torch.float64)
print(torch.mean((y - (a * x + b)) ** 2))
