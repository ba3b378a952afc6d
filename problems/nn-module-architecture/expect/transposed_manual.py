# Skips nn.Module and multiplies by the weight matrices as given, x @ W instead of x @ W.T:
# it only runs when a layer is square and then gives the wrong numbers.
import torch


def run(sizes: list, state: dict, x: torch.Tensor) -> tuple:
    h = x
    for i, name in enumerate(["fc1", "fc2", "fc3"]):
        w, b = state[f"{name}.weight"], state[f"{name}.bias"]
        if w.shape[0] == w.shape[1]:
            h = h @ w + b
        else:
            h = h @ w.T + b
        if i < 2:
            h = torch.relu(h)
    return sum(v.numel() for v in state.values()), h
