# Wrong: prints the tensor itself, "tensor(2.8000, dtype=torch.float64)", which is not a number.
# Print .item().
import torch

y = torch.tensor(list(map(float, input().split())), dtype=torch.float64)
print(y.mean())
