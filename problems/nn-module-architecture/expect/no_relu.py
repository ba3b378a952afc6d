# Forgets the activations: the three Linear layers collapse into one linear map.
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, n_in, h1, h2, n_out):
        super().__init__()
        self.fc1 = nn.Linear(n_in, h1)
        self.fc2 = nn.Linear(h1, h2)
        self.fc3 = nn.Linear(h2, n_out)

    def forward(self, x):
        return self.fc3(self.fc2(self.fc1(x)))


def run(sizes: list, state: dict, x: torch.Tensor) -> tuple:
    model = MLP(*sizes)
    model.load_state_dict(state)
    return sum(p.numel() for p in model.parameters()), model(x)
