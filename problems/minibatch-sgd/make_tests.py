"""Write tests/N.in and tests/N.ans for minibatch-sgd (run by hand; not used by the judge).

Answers come from an explicit float64 numpy implementation with the gradient written out by hand
(grad_w = -2/|S| sum r_i x_i, grad_b = -2/|S| sum r_i), not from autograd. Each test is then
checked: a torch float32 autograd program (the lecture's way) must be within TOL / 10 of the
answer, and every typical mistake (expect/) must miss it by more than 100 TOL on at least one test;
most mistakes on nearly all tests.
"""

import random
from pathlib import Path

import numpy as np
import torch

TOL = 1e-4  # must equal abs_tol and rel_tol in problem.yaml


def sgd_numpy(X, y, B, eta, perms):
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    for order in perms:
        for start in range(0, n, B):
            S = order[start : start + B]  # the last batch may be smaller than B
            r = y[S] - (X[S] @ w + b)
            grad_w = -2.0 / len(S) * (X[S].T @ r)
            grad_b = -2.0 / len(S) * r.sum()
            w, b = w - eta * grad_w, b - eta * grad_b
    return [*w.tolist(), float(b)]


def sgd_torch(X, y, B, eta, perms, dtype, mistake=None):
    """The lecture's autograd loop, with the knob of one typical mistake."""
    n, d = X.shape
    Xt, yt = torch.tensor(X, dtype=dtype), torch.tensor(y, dtype=dtype)
    w = torch.zeros(d, dtype=dtype, requires_grad=True)
    b = torch.zeros((), dtype=dtype, requires_grad=True)
    for order in perms:
        if mistake == "ignore permutation":
            order = list(range(n))
        if mistake == "full batch":
            starts, size = [0], n
        else:
            starts, size = range(0, n, B), B
        for start in starts:
            S = order[start : start + size]
            if mistake == "drop last" and len(S) < B:
                continue
            residual = yt[S] - (Xt[S] @ w + b)
            if mistake == "sum":
                loss = torch.sum(residual**2)
            elif mistake == "divide by B":
                loss = torch.sum(residual**2) / B
            else:
                loss = torch.mean(residual**2)
            loss.backward()
            w.data = w.data - eta * w.grad
            b.data = b.data - eta * b.grad
            if mistake != "no zero_grad":
                w.grad.zero_()
                b.grad.zero_()
    return [*w.tolist(), b.item()]


MISTAKES = ["sum", "divide by B", "drop last", "full batch", "no zero_grad", "ignore permutation"]


def miss(got, want):
    """Worst error in units of the tolerance (<= 1: accepted); inf/nan count as a miss."""
    worst = 0.0
    for g, w in zip(got, want):
        if not np.isfinite(g):
            return float("inf")
        worst = max(worst, abs(g - w) / max(TOL, TOL * abs(w)))
    return worst


def fixed_tests():
    sample = {
        "X": [[1], [2], [3], [4], [5], [6]],
        "y": [3, 5, 7, 9, 11, 13],
        "B": 4,
        "eta": "0.01",
        "perms": [[2, 0, 5, 3, 1, 4], [4, 1, 0, 5, 2, 3]],
    }
    one_row = {"X": [[1.5, -2]], "y": [4], "B": 1, "eta": "0.05", "perms": [[0], [0], [0]]}
    return [sample, one_row]


def random_test(rng, n, d, B, E):
    weights = [round(rng.uniform(-3, 3), 2) for _ in range(d)]
    bias = round(rng.uniform(-5, 5), 2)
    X = [[round(rng.gauss(0, 1.5), 3) for _ in range(d)] for _ in range(n)]
    y = [round(sum(w * x for w, x in zip(weights, row)) + bias + rng.gauss(0, 0.5), 3) for row in X]
    perms = []
    for _ in range(E):
        order = list(range(n))
        rng.shuffle(order)
        perms.append(order)
    eta = rng.choice(["0.01", "0.02", "0.03", "0.05"])
    return {"X": X, "y": y, "B": B, "eta": eta, "perms": perms}


def number_text(v):
    return str(int(v)) if float(v).is_integer() else repr(v)


def main():
    rng = random.Random(345_03)
    tests = fixed_tests()
    # (n, d, B, E): full batch (B = n), pure SGD (B = 1), n divisible by B, then partial batches.
    for n, d, B, E in [(12, 1, 12, 5), (20, 2, 1, 2), (48, 3, 8, 3)]:
        tests.append(random_test(rng, n, d, B, E))
    while len(tests) < 11:
        n, B = rng.randint(30, 200), rng.randint(3, 32)
        if n % B:
            tests.append(random_test(rng, n, rng.randint(1, 5), B, rng.randint(1, 5)))
    caught = {name: [] for name in MISTAKES}
    folder = Path(__file__).parent / "tests"
    for number, test in enumerate(tests, start=1):
        X = np.array(test["X"], dtype=np.float64)
        y = np.array(test["y"], dtype=np.float64)
        eta = float(test["eta"])
        want = sgd_numpy(X, y, test["B"], eta, test["perms"])
        got32 = sgd_torch(X, y, test["B"], eta, test["perms"], torch.float32)
        assert miss(got32, want) <= 0.1, (number, "float32", got32, want)
        for name in MISTAKES:
            if (
                miss(sgd_torch(X, y, test["B"], eta, test["perms"], torch.float64, name), want)
                > 100
            ):
                caught[name].append(number)
        n, d = X.shape
        lines = [f"{n} {d} {test['B']} {test['eta']} {len(test['perms'])}"]
        lines += [
            " ".join(number_text(v) for v in [*row, t]) for row, t in zip(test["X"], test["y"])
        ]
        lines += [" ".join(map(str, order)) for order in test["perms"]]
        (folder / f"{number}.in").write_text("\n".join(lines) + "\n")
        answer = " ".join(repr(v) for v in want[:-1]) + f"\n{want[-1]!r}\n"
        (folder / f"{number}.ans").write_text(answer)
        print(f"{number:2} n={n:3} d={d} B={test['B']:2} eta={test['eta']} E={len(test['perms'])}")
    for name, numbers in caught.items():
        assert numbers, (name, "is accepted on every test")
        print(f"   {name:20} caught on tests {numbers}")


if __name__ == "__main__":
    main()
