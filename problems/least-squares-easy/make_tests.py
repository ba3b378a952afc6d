"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

Every number of the input is a decimal string, so it is read exactly as a Fraction and the answer
min_a (1/n) sum (y_i - a x_i)^2 is computed in exact rational arithmetic:
a* = sum x_i y_i / sum x_i^2, then the mean of the squared residuals (mean y_i^2 when every x_i
is 0, since then every a gives that loss). Only the final value is rounded to a float.
"""

import random
from fractions import Fraction
from pathlib import Path

random.seed(20240625)  # the date of session 2


def exact_min_loss(xs: list[str], ys: list[str]) -> Fraction:
    x = [Fraction(v) for v in xs]
    y = [Fraction(v) for v in ys]
    sxx = sum(v * v for v in x)
    a = sum(p * q for p, q in zip(x, y)) / sxx if sxx else Fraction(0)
    return sum((q - a * p) ** 2 for p, q in zip(x, y)) / len(x)


def decimals(values: list[float], digits: int) -> list[str]:
    return [f"{v:.{digits}f}" for v in values]


def noisy_line(n: int, slope: float, noise: float, xmax: float, digits: int) -> tuple:
    xs = [random.uniform(-xmax, xmax) for _ in range(n)]
    ys = [slope * x + random.gauss(0, noise) for x in xs]
    return decimals(xs, digits), decimals(ys, digits)


def tests() -> list[tuple[list[str], list[str]]]:
    cases = [
        (["50", "80"], ["140", "200"]),  # the lecture's example data (session 1)
        # ice-cream-like data: temperature (°C) and spending (yen), integers
        (["20", "25", "30", "35", "40", "28"], ["300", "350", "400", "450", "500", "420"]),
        (["2.5"], ["-7.25"]),  # n = 1: a line through the origin fits exactly, L = 0
        (["0", "0", "0"], ["1.5", "-2", "3"]),  # every x is 0: any a gives mean(y^2)
        (["1", "2", "3", "4"], ["-2", "-4", "-6", "-8"]),  # exactly y = -2x, L = 0
    ]
    cases.append(noisy_line(10, 1.7, 0.5, 5.0, 3))
    cases.append(noisy_line(100, -0.3, 2.0, 10.0, 4))
    cases.append(noisy_line(1000, 12.5, 300.0, 700.0, 2))  # large magnitudes, L ~ 1e5
    cases.append(noisy_line(1000, 0.01, 1e-2, 1.0, 6))  # small magnitudes, L ~ 1e-4
    xs = [random.uniform(0, 10000) for _ in range(500)]  # values up to 1e4: L ~ 1e7
    cases.append((decimals(xs, 1), decimals([random.uniform(-10000, 10000) for _ in xs], 1)))
    return cases


def main() -> None:
    folder = Path(__file__).parent / "tests"
    for number, (xs, ys) in enumerate(tests(), start=1):
        answer = float(exact_min_loss(xs, ys))
        (folder / f"{number}.in").write_text(f"{len(xs)}\n{' '.join(xs)}\n{' '.join(ys)}\n")
        (folder / f"{number}.ans").write_text(f"{answer!r}\n")
        print(f"{number:2}  n = {len(xs):4}  L = {answer!r}")


if __name__ == "__main__":
    main()
