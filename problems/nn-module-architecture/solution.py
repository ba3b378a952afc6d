import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, n_in: int, h1: int, h2: int, n_out: int):
        super().__init__()
        self.fc1 = nn.Linear(n_in, h1)
        self.fc2 = nn.Linear(h1, h2)
        self.fc3 = nn.Linear(h2, n_out)
        self.relu = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.relu(self.fc1(x))
        x = self.relu(self.fc2(x))
        return self.fc3(x)  # 出力層には活性化関数をつけない


def run(sizes: list, state: dict, x: torch.Tensor) -> tuple:
    model = MLP(*sizes)
    model.load_state_dict(state)
    n_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    with torch.no_grad():
        y = model(x)
    return n_params, y
