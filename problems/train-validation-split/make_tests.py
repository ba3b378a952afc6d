"""Write tests/N.in and tests/N.ans for train-validation-split (run by hand; not used by the judge).

Answers: the training rows' mean and population standard deviation (ddof = 0) of each feature in
mpmath at 40 digits (exact decimal inputs), then z = (x - mean) / sd for the validation rows.
Checks: a numpy float64 program is within TOL / 10 of every answer; each typical mistake
(expect/) misses by more than 100 TOL on at least one test. The script stops on any violation.
"""

import random
from pathlib import Path

import mpmath as mp
import numpy as np
import torch

mp.mp.dps = 40
TOL = 1e-6  # must equal abs_tol and rel_tol in problem.yaml


def answer(rows, train):
    d = len(rows[0])
    chosen = set(train)
    valid = [i for i in range(len(rows)) if i not in chosen]
    out = []
    stats = []
    for j in range(d):
        column = [mp.mpf(rows[i][j]) for i in train]
        mean = mp.fsum(column) / len(column)
        sd = mp.sqrt(mp.fsum((v - mean) ** 2 for v in column) / len(column))
        stats.append((mean, sd))
    for i in valid:
        out.append([(mp.mpf(rows[i][j]) - stats[j][0]) / stats[j][1] for j in range(d)])
    return out


def program(rows, train, mistake=None):
    """A numpy float64 program, with the knob of one typical mistake."""
    X = np.array([[float(v) for v in row] for row in rows])
    mask = np.zeros(len(rows), dtype=bool)
    mask[train] = True
    fit = X if mistake == "leak: all rows" else X[mask]
    if mistake == "validation's own stats":
        fit = X[~mask]
    if mistake == "float32 torch":
        T = torch.tensor(X, dtype=torch.float32)
        F = T[torch.tensor(mask)]
        mean, sd = F.mean(dim=0), F.std(dim=0, unbiased=False)
        return ((T[torch.tensor(~mask)] - mean) / sd).tolist()
    mean = fit.mean(axis=0)
    if mistake == "ddof=1":
        sd = fit.std(axis=0, ddof=1)
    elif mistake == "naive variance":
        sd = np.sqrt((fit**2).mean(axis=0) - mean**2)
    elif mistake == "one mean and sd for all features":
        mean, sd = fit.mean(), fit.std()
    else:
        sd = fit.std(axis=0)
    return ((X[~mask] - mean) / sd).tolist()


MISTAKES = [
    "leak: all rows",
    "validation's own stats",
    "ddof=1",
    "naive variance",
    "one mean and sd for all features",
    "float32 torch",
]


def miss(got, want):
    if len(got) != len(want):
        return float("inf")
    worst = 0.0
    for grow, wrow in zip(got, want):
        for g, w in zip(grow, wrow):
            w = float(w)
            if not np.isfinite(g):
                return float("inf")
            worst = max(worst, abs(g - w) / max(TOL, TOL * abs(w)))
    return worst


def fmt(v, decimals):
    return f"{v:.{decimals}f}"


def random_matrix(rng, n, d, trend=False, big_offset=False):
    columns = []
    for j in range(d):
        center, spread = rng.uniform(-50, 50), rng.choice([0.5, 2, 10, 30])
        if big_offset and j == 0:
            center, spread = rng.uniform(1e6, 2e6), 1.0
        column = [
            center + rng.gauss(0, spread) + (3 * spread * i / n if trend else 0) for i in range(n)
        ]
        columns.append([fmt(v, 3) for v in column])
    return [list(row) for row in zip(*columns)]


def main():
    rng = random.Random(345_04)
    tests = []
    sample = [["2", "10"], ["4", "30"], ["6", "20"], ["8", "40"], ["5", "0"], ["1", "50"]]
    tests.append((sample, [3, 0, 5, 1]))  # validation rows: 2 and 4
    ints = [[str(rng.randint(-20, 20))] for _ in range(9)]
    tests.append((ints, [i for i in range(9) if i != 4]))  # one validation row, integers
    n = 300  # a trend in time; train on the first 80 %, validate on the last 20 %
    tests.append((random_matrix(rng, n, 3, trend=True), list(range(int(0.8 * n)))))
    n = 400  # a feature around 10^6 with spread 1
    tests.append((random_matrix(rng, n, 4, big_offset=True), rng.sample(range(n), 300)))
    tests.append(([["1.5", "-3"], ["2.5", "7"], ["0", "0"], ["-4", "12.25"]], [2, 0]))  # k = 2
    while len(tests) < 10:
        n, d = rng.randint(50, 1000), rng.randint(1, 8)
        k = int(n * rng.uniform(0.5, 0.9))
        tests.append((random_matrix(rng, n, d), rng.sample(range(n), k)))
    caught = {name: [] for name in MISTAKES}
    folder = Path(__file__).parent / "tests"
    for number, (rows, train) in enumerate(tests, start=1):
        want = answer(rows, train)
        assert miss(program(rows, train), want) <= 0.1, number
        for name in MISTAKES:
            if miss(program(rows, train, name), want) > 100:
                caught[name].append(number)
        lines = [f"{len(rows)} {len(rows[0])}", *(" ".join(row) for row in rows)]
        lines += [str(len(train)), " ".join(map(str, train))]
        (folder / f"{number}.in").write_text("\n".join(lines) + "\n")
        text = "\n".join(" ".join(mp.nstr(v, 17) for v in row) for row in want) + "\n"
        (folder / f"{number}.ans").write_text(text)
        print(f"{number:2} n={len(rows):4} d={len(rows[0])} k={len(train)}")
    for name, numbers in caught.items():
        assert numbers, (name, "is accepted on every test")
        print(f"   {name:34} caught on tests {numbers}")


if __name__ == "__main__":
    main()
