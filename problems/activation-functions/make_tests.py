"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

Values and derivatives are computed with mpmath at 50 digits from formulas written out by hand
(sigmoid' = sigmoid (1 - sigmoid), tanh' = sech^2, relu'(0) = 0, leaky_relu'(0) = 0.01), not with
torch autograd as solution.py does. Tests come in pairs per function: a hand-made one with the
edge values (0 for the ReLUs, |x| = 1000 where exp overflows for sigmoid and tanh) and a random
one (fixed seed).
"""

import random
from pathlib import Path

import mpmath as mp

mp.mp.dps = 50
SLOPE = mp.mpf("0.01")


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


FUNCTIONS = {
    "sigmoid": (sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x))),
    "relu": (lambda x: x if x > 0 else mp.mpf(0), lambda x: mp.mpf(1 if x > 0 else 0)),
    "tanh": (mp.tanh, lambda x: mp.sech(x) ** 2),
    "leaky_relu": (lambda x: x if x > 0 else SLOPE * x, lambda x: mp.mpf(1) if x > 0 else SLOPE),
}


def uniform(rng: random.Random, n: int, bound: float, places: int) -> str:
    return " ".join(f"{rng.uniform(-bound, bound):.{places}f}" for _ in range(n))


def main() -> None:
    rng = random.Random(20240701)
    cases = [
        ("sigmoid", "-2 -0.5 0 0.5 2"),  # the sample
        ("sigmoid", uniform(rng, 10, 10, 3)),
        ("sigmoid", "-1000 -750 -30 0 30 750 1000"),  # math.exp(1000) overflows
        ("relu", "-3 -0.5 0 0.5 3"),
        ("relu", uniform(rng, 19, 1000, 2) + " 0"),
        ("tanh", uniform(rng, 10, 5, 3)),
        ("tanh", "-1000 -710 -20 0 20 710 1000"),  # exp(710) overflows float64
        ("leaky_relu", "-2 -0.01 0 0.01 2"),
        ("leaky_relu", "0 " + uniform(rng, 19, 1000, 2)),
    ]
    tests = Path(__file__).parent / "tests"
    for number, (name, line) in enumerate(cases, start=1):
        f, df = FUNCTIONS[name]
        xs = [mp.mpf(v) for v in line.split()]
        assert 1 <= len(xs) <= 100 and all(abs(x) <= 1000 for x in xs)
        values = " ".join(repr(float(f(x))) for x in xs)
        slopes = " ".join(repr(float(df(x))) for x in xs)
        (tests / f"{number}.in").write_text(f"{name}\n{line}\n")
        (tests / f"{number}.ans").write_text(f"{values}\n{slopes}\n")
        print(f"{number:2}  {name:10}  {line[:60]}")


if __name__ == "__main__":
    main()
