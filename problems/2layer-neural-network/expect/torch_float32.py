# Correct too: the same forward pass with torch in float32 (torch's default) is within the
# tolerance; this file checks that the tolerance does not demand float64.
import torch

n, m, k = map(int, input().split())
x = torch.tensor([float(v) for v in input().split()])
W1 = torch.tensor([[float(v) for v in input().split()] for _ in range(m)])
b1 = torch.tensor([float(v) for v in input().split()])
W2 = torch.tensor([[float(v) for v in input().split()] for _ in range(k)])
b2 = torch.tensor([float(v) for v in input().split()])

y = W2 @ torch.relu(W1 @ x + b1) + b2
print(*y.tolist())
