"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

E = -(1/N) sum_n sum_k t_nk log(y_nk + 1e-7), computed with mpmath at 40 digits from the exact
decimals of the input (solution.py uses float64 numpy). Predictions are softmax outputs of random
logits rounded to 6 places, so many entries are exactly 0 (0 · log 0 is nan without the 1e-7).
The probability of the right class is either exactly 0 or at least 0.01, so log(max(y, 1e-7))
gives the same answer within the tolerance as log(y + 1e-7).
"""

import math
import random
from pathlib import Path

import mpmath as mp

mp.mp.dps = 40
DELTA = mp.mpf("1e-7")


def prediction(rng: random.Random, label: int, confidence: float) -> list[str]:
    """Ten probabilities as 6-place decimals; the right class gets extra logit `confidence`."""
    logits = [rng.gauss(0, 3) + (confidence if k == label else 0) for k in range(10)]
    top = max(logits)
    weights = [math.exp(z - top) for z in logits]
    probs = [round(w / sum(weights), 6) for w in weights]
    if 0 < probs[label] < 0.01:  # keep the right class at 0 or >= 0.01 (see the docstring)
        return prediction(rng, label, confidence)
    return [f"{p:.6f}" for p in probs]


def random_case(rng: random.Random, n: int, confidence: float, zeros: int = 0):
    labels = [rng.randrange(10) for _ in range(n)]
    ys = [prediction(rng, label, confidence) for label in labels]
    for index in rng.sample(range(n), zeros):  # a right class predicted with probability 0
        row, label = ys[index], labels[index]
        mass = float(row[label])
        other = (label + 1) % 10
        row[other] = f"{float(row[other]) + mass:.6f}"
        row[label] = "0.000000"
    return ys, labels


def entropy(ys: list[list[str]], labels: list[int]) -> float:
    total = mp.fsum(
        (1 if k == label else 0) * mp.log(mp.mpf(v) + DELTA)
        for row, label in zip(ys, labels)
        for k, v in enumerate(row)
    )
    return float(-total / len(ys))


def main() -> None:
    rng = random.Random(20240708)
    sample = (
        [["0.1", "0.05", "0.6", "0", "0.05", "0.1", "0", "0.1", "0", "0"],
         ["0", "0", "0.1", "0", "0.05", "0", "0.05", "0.8", "0", "0"]],
        [2, 7],
    )  # fmt: skip
    cases = [
        sample,
        ([["0", "0", "0", "1", "0", "0", "0", "0", "0", "0"]], [4]),  # N = 1, right class at 0
        random_case(rng, 100, 4.0),
        random_case(rng, 200, 6.0),
        random_case(rng, 50, 3.0, zeros=3),
        ([["0"] * k + ["1"] + ["0"] * (9 - k) for k in range(10)], list(range(10))),  # perfect
        # one-hot predictions written as integers: 7 right, 3 wrong
        ([["1" if k == (j if j < 7 else j + 1) % 10 else "0" for k in range(10)]
          for j in range(10)], list(range(10))),
        random_case(rng, 150, 2.0, zeros=1),
    ]  # fmt: skip
    tests = Path(__file__).parent / "tests"
    for number, (ys, labels) in enumerate(cases, start=1):
        n = len(ys)
        assert 1 <= n <= 200 and all(len(row) == 10 for row in ys)
        assert all(abs(sum(map(float, row)) - 1) < 1e-5 for row in ys)
        onehot = [" ".join("1" if k == label else "0" for k in range(10)) for label in labels]
        text = f"{n}\n" + "".join(" ".join(row) + "\n" for row in ys) + "\n".join(onehot) + "\n"
        (tests / f"{number}.in").write_text(text)
        answer = entropy(ys, labels)
        (tests / f"{number}.ans").write_text(f"{answer!r}\n")
        print(f"{number:2}  N = {n:3}  {len(text):6} bytes  E = {answer!r}")


if __name__ == "__main__":
    main()
