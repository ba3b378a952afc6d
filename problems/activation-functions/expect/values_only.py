# Wrong: prints only the values f(x_i), not the second line of derivatives.
import torch

name = input().strip()
x = torch.tensor([float(v) for v in input().split()])
f = {"sigmoid": torch.sigmoid, "relu": torch.relu, "tanh": torch.tanh}.get(
    name, lambda t: torch.nn.functional.leaky_relu(t, 0.01)
)
print(*f(x).tolist())
