# Accepted: torch's own initialisers give the same distributions. A weight of shape
# (fan_out, fan_in) is what torch.nn.Linear(fan_in, fan_out) holds, and torch reads fan_in from
# dimension 1. For He, nonlinearity="relu" makes the gain sqrt(2).
import torch

scheme, n, m = input().split()
n, m = int(n), int(m)
W = torch.empty(m, n)
if scheme == "xavier-uniform":
    torch.nn.init.xavier_uniform_(W)
elif scheme == "xavier-normal":
    torch.nn.init.xavier_normal_(W)
elif scheme == "he-uniform":
    torch.nn.init.kaiming_uniform_(W, nonlinearity="relu")
else:
    torch.nn.init.kaiming_normal_(W, nonlinearity="relu")
print("\n".join(" ".join(f"{v:.8g}" for v in row) for row in W.tolist()))
