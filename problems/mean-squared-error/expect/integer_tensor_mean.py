# Runtime error: torch.tensor of Python ints is an integer (int64) tensor, and torch.mean refuses
# it ("mean(): could not infer output dtype ... Got: Long"). Use dtype=torch.float64.
import torch

a, b = map(int, input().split())
x = torch.tensor(list(map(int, input().split())))
y = torch.tensor(list(map(int, input().split())))
print(torch.mean((y - (a * x + b)) ** 2).item())
