# Wrong: prints the tensor itself, "tensor(3.)", which is not a number. Print .item().
import torch

y = torch.tensor(list(map(float, input().split())))
print(torch.median(y))
