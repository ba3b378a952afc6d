"""Write tests/ of k-fold-cross-validation with a fixed seed (run by hand in this folder).

The answer of a test is computed in numpy float64 from the normal equations and cross-checked
with scikit-learn (KFold without shuffling, StandardScaler, Ridge with alpha = lambda * m), a
different implementation of the same procedure. Then each typical mistake is run with the knob of
`procedure` and must miss the answer by far more than the tolerance on at least one test of
every group problem.yaml says it fails; the script stops otherwise.
"""

import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler

TESTS = Path(__file__).with_name("tests")
rng = np.random.default_rng(20270114)
RTOL, ATOL = 1e-6, 1e-9  # as compare: in problem.yaml


def folds(n: int, k: int, mistake: str | None = None) -> list[np.ndarray]:
    if mistake == "remainder in the last fold":
        size = n // k
        return [np.arange(i * size, (i + 1) * size if i < k - 1 else n) for i in range(k)]
    if mistake == "ceil sizes":
        size = -(-n // k)
        return [np.arange(i * size, min(n, (i + 1) * size)) for i in range(k)]
    if mistake == "shuffled":
        return [valid for _, valid in KFold(k, shuffle=True, random_state=0).split(np.zeros(n))]
    return np.array_split(np.arange(n), k)


def procedure(X: np.ndarray, y: np.ndarray, k: int, lam: float, mistake: str | None = None):
    n, d = X.shape
    scores = []
    for valid in folds(n, k, mistake):
        train = np.setdiff1d(np.arange(n), valid)
        fit = np.arange(n) if mistake == "leak: statistics of all rows" else train
        mu = X[fit].mean(axis=0)
        sd = X[fit].std(axis=0, ddof=1 if mistake == "ddof=1" else 0)
        Z = (X - mu) / sd
        Zt, yt = Z[train], y[train]
        m = len(train)
        if mistake == "intercept penalised":
            A = np.hstack([Zt, np.ones((m, 1))])
            theta = np.linalg.solve(A.T @ A / m + lam * np.eye(d + 1), A.T @ yt / m)
            w, b = theta[:d], theta[d]
        else:
            scale = 1.0 if mistake == "sum instead of mean" else m
            b = yt.mean()
            w = np.linalg.solve(Zt.T @ Zt / scale + lam * np.eye(d), Zt.T @ (yt - b) / scale)
        error = Z[valid] @ w + b - y[valid]
        mse = np.mean(error**2)
        scores.append(np.sqrt(mse) if mistake == "RMSE" else mse)
    return np.array(scores)


def sklearn_procedure(X, y, k, lam):
    scores = []
    for train, valid in KFold(k).split(X):
        scaler = StandardScaler().fit(X[train])
        model = Ridge(alpha=lam * len(train)).fit(scaler.transform(X[train]), y[train])
        scores.append(np.mean((model.predict(scaler.transform(X[valid])) - y[valid]) ** 2))
    return np.array(scores)


MISTAKES = [
    "leak: statistics of all rows",
    "remainder in the last fold",
    "ceil sizes",
    "shuffled",
    "ddof=1",
    "intercept penalised",
    "sum instead of mean",
    "RMSE",
]
CAUGHT: dict[str, set[str]] = {}


def far(got: np.ndarray, want: np.ndarray) -> bool:
    if got.shape != want.shape:
        return True
    return bool(np.any(np.abs(got - want) > 100 * (ATOL + RTOL * np.abs(want))))


def write(name: str, group: str, X, y, k: int, lam: float, inline: bool = False) -> None:
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    n, d = X.shape
    assert 2 <= k <= 10 and n >= 2 * k and (group == "sample" or (n % k == 0) == (group == "even"))
    want = procedure(X, y, k, lam)
    assert np.allclose(sklearn_procedure(X, y, k, lam), want, rtol=1e-9, atol=0), name
    for mistake in MISTAKES:
        if far(procedure(X, y, k, lam, mistake), want):
            CAUGHT.setdefault(mistake, set()).add(group)
    if inline:
        args = [{"tensor": X.tolist(), "dtype": "float64"}, {"tensor": y.tolist(), "dtype": "float64"}]
        answer = {"tensor": want.tolist(), "dtype": "float64"}
    else:
        np.save(TESTS / f"{name}.X.npy", X)
        np.save(TESTS / f"{name}.y.npy", y)
        np.save(TESTS / f"{name}.mse.npy", want)
        args = [{"tensor": f"{name}.X.npy"}, {"tensor": f"{name}.y.npy"}]
        answer = {"tensor": f"{name}.mse.npy"}
    (TESTS / f"{name}.in").write_text(json.dumps({"args": [*args, k, lam]}) + "\n")
    (TESTS / f"{name}.ans").write_text(json.dumps(answer) + "\n")
    print(f"{name:>3} {group:7} n={n:5} d={d} k={k:2} lambda={lam:<5} mse={np.round(want, 3)}")


def random_case(n: int, d: int, trend: bool = False):
    """Features on very different scales (so standardising matters to ridge), a target linear in
    them plus a bend and noise; with `trend`, the rows drift like a time series."""
    center = rng.uniform(-50, 50, size=d)
    spread = 10.0 ** rng.uniform(-1, 2, size=d)
    X = center + spread * rng.normal(size=(n, d))
    if trend:
        X += spread * np.linspace(0, 2, n)[:, None]
    Z = (X - center) / spread
    beta = rng.normal(0, 2, size=d)
    y = Z @ beta + 0.5 * np.sin(2 * Z[:, 0]) + rng.normal(0, 0.5, size=n) + rng.uniform(-10, 10)
    return np.round(X, 4), np.round(y, 4)


TESTS.mkdir(exist_ok=True)
for old in TESTS.iterdir():
    old.unlink()
sample_X = [[1, 10], [2, 30], [3, 20], [4, 50], [5, 40], [6, 70], [7, 60], [8, 90]]
sample_y = [3.0, 5.0, 4.0, 9.0, 7.0, 12.0, 10.0, 15.0]
write("1", "sample", sample_X, sample_y, 3, 0.5, inline=True)
write("2", "even", *random_case(30, 1), 5, 0.1)
write("3", "even", *random_case(200, 3), 4, 1.0)
write("4", "even", *random_case(1000, 5, trend=True), 10, 0.05)
write("5", "even", *random_case(600, 8), 3, 0.5)
write("6", "uneven", *random_case(10, 2), 3, 0.3)
write("7", "uneven", *random_case(103, 4), 5, 0.2)
write("8", "uneven", *random_case(999, 6, trend=True), 10, 0.1)
write("9", "uneven", *random_case(2000 - 3, 3), 7, 2.0)
write("10", "uneven", *random_case(50, 2), 4, 0.01)
for mistake in MISTAKES:
    print(f"    {mistake:30} caught in {sorted(CAUGHT.get(mistake, []))}")
