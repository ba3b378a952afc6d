"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

L(x, y) = 0.26 (x^2 + y^2) - 0.48 x y is quadratic, so its central difference with any h is
exactly its gradient (0.52 x - 0.48 y, 0.52 y - 0.48 x): the answers come from Adam run with
mpmath at 40 significant digits on that exact gradient, rounded to floats at the end.

Checks, per test:
* a float64 loop that does what the statement says (central differences, h = 1e-5) and one
  arranged like torch.optim.Adam (lr / (1 - b1^t) times m / (sqrt(v) / sqrt(1 - b2^t) + eps))
  agree with the answer to 1e-8 relative (the tolerance is 1e-6): the answers are robust;
* no final coordinate is below 1e-4 in size (except the test that starts at the minimum), so
  the absolute tolerance cannot hide a wrong trajectory (past N ~ 4000 Adam gets so close to 0
  that float64 central differences are mostly rounding noise; hence N <= 3000);
* each typical mistake modelled below is off by more than the tolerance on at least 4 tests.
"""

import math
import random
from pathlib import Path

import mpmath as mp

mp.mp.dps = 40
random.seed(52)
LR, B1, B2, EPS, H = "0.01", "0.9", "0.999", "1e-8", 1e-5
ABS_TOL, REL_TOL = 1e-9, 1e-6  # as in problem.yaml


def exact(x0: str, y0: str, n: int) -> tuple[float, float]:
    lr, b1, b2, eps = (mp.mpf(v) for v in (LR, B1, B2, EPS))
    p = [mp.mpf(x0), mp.mpf(y0)]
    m = [mp.mpf(0)] * 2
    v = [mp.mpf(0)] * 2
    for t in range(1, n + 1):
        g = [mp.mpf("0.52") * p[0] - mp.mpf("0.48") * p[1],
             mp.mpf("0.52") * p[1] - mp.mpf("0.48") * p[0]]  # fmt: skip
        for i in range(2):
            m[i] = b1 * m[i] + (1 - b1) * g[i]
            v[i] = b2 * v[i] + (1 - b2) * g[i] ** 2
        for i in range(2):
            p[i] -= lr * (m[i] / (1 - b1**t)) / (mp.sqrt(v[i] / (1 - b2**t)) + eps)
    return float(p[0]), float(p[1])


def loss(x: float, y: float) -> float:
    return 0.26 * (x**2 + y**2) - 0.48 * x * y


def central(x: float, y: float) -> tuple[float, float]:
    return ((loss(x + H, y) - loss(x - H, y)) / (2 * H),
            (loss(x, y + H) - loss(x, y - H)) / (2 * H))  # fmt: skip


def adam64(x0, y0, n, mistake=None, arrange="paper"):
    """Float64 Adam with central differences; `mistake` models a typical bug."""
    lr, b1, b2, eps = (float(v) for v in (LR, B1, B2, EPS))
    x, y = float(x0), float(y0)
    mx = my = vx = vy = 0.0
    for t in range(1, n + 1):
        gx, gy = central(x, y)
        if mistake == "forward difference":
            gx = (loss(x + H, y) - loss(x, y)) / H
            gy = (loss(x, y + H) - loss(x, y)) / H
        mx, vx = b1 * mx + (1 - b1) * gx, b2 * vx + (1 - b2) * gx * gx
        c1, c2 = 1 - b1**t, 1 - b2**t
        if mistake == "no bias correction":
            c1 = c2 = 1.0
        elif mistake == "bias correction of m only":
            c2 = 1.0
        elif mistake == "t one too large":
            c1, c2 = 1 - b1 ** (t + 1), 1 - b2 ** (t + 1)
        if arrange == "torch":
            x -= lr / c1 * mx / (math.sqrt(vx) / math.sqrt(c2) + eps)
        else:
            x -= lr * (mx / c1) / (math.sqrt(vx / c2) + eps)
        if mistake == "y's gradient at the new x":  # a scalar loop that moves x first
            gy = (loss(x, y + H) - loss(x, y - H)) / (2 * H)
        my, vy = b1 * my + (1 - b1) * gy, b2 * vy + (1 - b2) * gy * gy
        if arrange == "torch":
            y -= lr / c1 * my / (math.sqrt(vy) / math.sqrt(c2) + eps)
        else:
            y -= lr * (my / c1) / (math.sqrt(vy / c2) + eps)
    return x, y


MISTAKES = [
    "no bias correction",
    "bias correction of m only",
    "t one too large",
    "y's gradient at the new x",
    "forward difference",
]


def random_case(n: int) -> tuple[str, str, int]:
    while True:
        x0, y0 = (f"{random.uniform(-10, 10):.3f}" for _ in range(2))
        if min(abs(v) for v in exact(x0, y0, n)) > 1e-3:
            return x0, y0, n


def tests() -> list[tuple[str, str, int]]:
    return [
        ("1.5", "-2", 5),  # sample
        ("-2.5", "4", 1),  # N = 1: the first step is lr * sign(gradient)
        ("0", "0", 3),  # the minimum: the gradient is exactly 0, and eps keeps 0 / 0 away
        ("3", "7", 2000),  # integers
        ("1000", "-500", 3000),  # far away: Adam's steps are about lr whatever the gradient
        random_case(20),
        random_case(300),
        random_case(1000),
        random_case(2000),
        random_case(3000),
    ]


def close(got, want) -> bool:
    return all(abs(g - w) <= ABS_TOL or abs(g - w) <= REL_TOL * abs(w) for g, w in zip(got, want))


def main() -> None:
    folder = Path(__file__).parent / "tests"
    cases = tests()
    answers = []
    for number, (x0, y0, n) in enumerate(cases, start=1):
        want = exact(x0, y0, n)
        answers.append(want)
        for arrange in ("paper", "torch"):
            got = adam64(x0, y0, n, arrange=arrange)
            assert all(abs(g - w) <= 1e-8 * abs(w) for g, w in zip(got, want)), (number, got)
        assert number == 3 or min(abs(w) for w in want) > 1e-4, (number, want)
        (folder / f"{number}.in").write_text(f"{n}\n{x0} {y0}\n")
        (folder / f"{number}.ans").write_text(f"{want[0]!r} {want[1]!r}\n")
        print(f"{number:2}  N = {n:4}  ({x0}, {y0}) -> {want}")
    for mistake in MISTAKES:
        failed = [i for i, (c, w) in enumerate(zip(cases, answers), 1)
                  if not close(adam64(*c, mistake=mistake), w)]  # fmt: skip
        print(f"{mistake:28} fails tests {failed}")
        assert len(failed) >= 4, mistake


if __name__ == "__main__":
    main()
