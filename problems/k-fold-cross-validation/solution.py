# Reference solution: K-fold cross-validation of "standardise, then ridge regression", where
# everything the model learns (the means and standard deviations too) comes from the training
# folds only, and the held-out fold is only predicted.
import torch


def fit_predict(X_train, y_train, X_valid, lam):
    mean = X_train.mean(dim=0)
    std = X_train.std(dim=0, unbiased=False)  # divide by m (torch's default divides by m - 1)
    Z_train = (X_train - mean) / std
    Z_valid = (X_valid - mean) / std  # the training folds' statistics, not its own
    m, d = Z_train.shape
    # The columns of Z_train have mean 0, so the best intercept is the mean of y_train and the
    # weights solve (Z^T Z / m + lam I) w = Z^T (y - b) / m (the intercept is not penalised).
    b = y_train.mean()
    w = torch.linalg.solve(Z_train.T @ Z_train / m + lam * torch.eye(d, dtype=X_train.dtype),
                           Z_train.T @ (y_train - b) / m)
    return Z_valid @ w + b


def cross_validate(X: torch.Tensor, y: torch.Tensor, k: int, lam: float) -> torch.Tensor:
    n = len(X)
    # fold sizes: n // k each, and one more for the first n % k folds (consecutive rows)
    sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]
    scores = []
    start = 0
    for size in sizes:
        is_valid = torch.zeros(n, dtype=torch.bool)
        is_valid[start : start + size] = True
        prediction = fit_predict(X[~is_valid], y[~is_valid], X[is_valid], lam)
        scores.append(((prediction - y[is_valid]) ** 2).mean())
        start += size
    return torch.stack(scores)
