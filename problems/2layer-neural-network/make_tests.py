"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

Every input number is an integer or a decimal with at most 2 places, so the answers are computed
exactly with fractions.Fraction (solution.py uses float64 numpy) and rounded once at the end.
Shapes are never square where it matters (n != m, m != k), so a transposed W fails instead of
passing by luck. Every hidden test has a negative hidden pre-activation (ReLU matters) and a
negative output (a ReLU on the output is wrong); the script checks both.
"""

import random
from fractions import Fraction
from pathlib import Path

# (n, m, k, integers only?)
SHAPES = [
    (1, 1, 1, True),
    (2, 5, 3, True),
    (4, 3, 6, False),
    (10, 20, 5, False),
    (7, 3, 7, True),
    (100, 50, 10, False),
    (50, 100, 1, False),
    (3, 8, 2, False),
]


def number(rng: random.Random, integer: bool) -> str:
    if integer:
        return str(rng.randint(-10, 10))
    return f"{rng.randint(-1000, 1000) / 100:.2f}"


def forward(x, W1, b1, W2, b2):
    h = [max(Fraction(0), sum(w * v for w, v in zip(row, x)) + b) for row, b in zip(W1, b1)]
    pre = [sum(w * v for w, v in zip(row, x)) + b for row, b in zip(W1, b1)]
    y = [sum(w * v for w, v in zip(row, h)) + b for row, b in zip(W2, b2)]
    return pre, y


def write(tests: Path, name: int, rows: list[list[str]]) -> None:
    n, m, k = (int(v) for v in rows[0])
    frac = [[Fraction(v) for v in row] for row in rows[1:]]
    x, W1, b1, W2, b2 = frac[0], frac[1 : 1 + m], frac[1 + m], frac[2 + m : 2 + m + k], frac[-1]
    assert len(x) == n and all(len(r) == n for r in W1) and len(b1) == m
    assert all(len(r) == m for r in W2) and len(b2) == k == len(frac) - 3 - m
    pre, y = forward(x, W1, b1, W2, b2)
    if name > 1:
        assert min(pre) < 0 and min(y) < 0, (name, "ReLU would not matter")
    (tests / f"{name}.in").write_text("".join(" ".join(row) + "\n" for row in rows))
    (tests / f"{name}.ans").write_text(" ".join(repr(float(v)) for v in y) + "\n")
    print(f"{name:2}  n m k = {n:3} {m:3} {k:3}  y[:3] = {[float(v) for v in y[:3]]}")


def main() -> None:
    tests = Path(__file__).parent / "tests"
    sample = [["3", "4", "2"], ["1", "2", "3"],
              ["1", "0", "-1"], ["2", "1", "0"], ["0", "-1", "1"], ["-1", "-1", "-1"],
              ["0", "1", "-2", "3"],
              ["1", "-1", "2", "0"], ["-2", "0", "1", "1"],
              ["1", "-3"]]  # fmt: skip
    write(tests, 1, sample)
    rng = random.Random(20240701)
    name = 2
    for n, m, k, integer in SHAPES:
        while True:  # redraw until ReLU matters both ways (see the docstring)
            rows = [[str(n), str(m), str(k)], [number(rng, integer) for _ in range(n)]]
            rows += [[number(rng, integer) for _ in range(n)] for _ in range(m)]
            rows += [[number(rng, integer) for _ in range(m)]]
            rows += [[number(rng, integer) for _ in range(m)] for _ in range(k)]
            rows += [[number(rng, integer) for _ in range(k)]]
            frac = [[Fraction(v) for v in row] for row in rows[1:]]
            pre, y = forward(frac[0], frac[1 : 1 + m], frac[1 + m], frac[2 + m : -1], frac[-1])
            if min(pre) < 0 and min(y) < 0:
                break
        write(tests, name, rows)
        name += 1


if __name__ == "__main__":
    main()
