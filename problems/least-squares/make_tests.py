"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

Every number of the input is a decimal string, so it is read exactly as a Fraction and the answer
min_{a,b} (1/n) sum (y_i - (a x_i + b))^2 is computed in exact rational arithmetic from the
normal equations (a = Sxy / Sxx on centred data, b = mean y - a mean x), then the mean of the
squared residuals. Only the final value is rounded to a float.

Test 2 is the lecture's data (session 1): monthly ice-cream spending against Tokyo's mean daily
maximum temperature, 2003-2012, from /work/shared/data/icecream (see SOURCE.md there). Its
minimiser is the lecture's a = 36.0078..., b = -126.128..., which this script checks.
"""

import csv
import random
from fractions import Fraction
from pathlib import Path

random.seed(2)
DATA = Path("/work/shared/data/icecream")


def exact_fit(xs: list[str], ys: list[str]) -> tuple[Fraction, Fraction, Fraction]:
    x = [Fraction(v) for v in xs]
    y = [Fraction(v) for v in ys]
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((p - mx) ** 2 for p in x)
    assert sxx > 0, "the xs must not all be equal"
    a = sum((p - mx) * (q - my) for p, q in zip(x, y)) / sxx
    b = my - a * mx
    return a, b, sum((q - a * p - b) ** 2 for p, q in zip(x, y)) / n


def icecream() -> tuple[list[str], list[str]]:
    def rows(name: str) -> list[list[str]]:
        with open(DATA / name, encoding="utf-8") as f:
            return [r for r in csv.reader(f) if r and r[0].isdigit()]

    spending = {(r[0], r[1]): r[2] for r in rows("icecream-spending-2003-2012.csv")}
    weather = rows("tokyo-weather-2003-2012.csv")
    return [r[2] for r in weather], [spending[(r[0], r[1])] for r in weather]


def decimals(values: list[float], digits: int) -> list[str]:
    return [f"{v:.{digits}f}" for v in values]


def noisy_line(n: int, a: float, b: float, noise: float, lo: float, hi: float, digits: int):
    xs = [random.uniform(lo, hi) for _ in range(n)]
    return decimals(xs, digits), decimals([a * x + b + random.gauss(0, noise) for x in xs], digits)


def tests() -> list[tuple[list[str], list[str]]]:
    cases = [
        (["1", "2", "3", "4", "5"], ["2", "4", "5", "4", "5"]),  # sample: a = 0.6, b = 2.2
        icecream(),
        (["-1.5", "2.5"], ["3", "-1"]),  # n = 2: the line through both points, L = 0
        (["0", "0", "1", "1"], ["1", "3", "2", "6"]),  # two distinct xs: line through the means
        (["1", "2", "3", "4", "5", "6"], ["7", "5", "3", "1", "-1", "-3"]),  # exactly y = -2x + 9
    ]
    # x far from 0 with a small spread: the least-squares problem is badly conditioned for
    # gradient descent on (a, b), but the closed form is exact.
    cases.append(noisy_line(200, 3.0, -2500.0, 5.0, 990.0, 1010.0, 3))
    cases.append(noisy_line(50, -0.7, 4.0, 1.0, -10.0, 10.0, 4))
    cases.append(noisy_line(1000, 8.0, 300.0, 400.0, -1000.0, 1000.0, 2))  # L ~ 1.6e5
    cases.append(noisy_line(1000, 1e-3, 1e-2, 1e-3, 0.0, 1.0, 7))  # small magnitudes, L ~ 1e-6
    xs = [random.uniform(-10000, 10000) for _ in range(1000)]  # no relation at all, L ~ 3e7
    cases.append((decimals(xs, 1), decimals([random.uniform(-10000, 10000) for _ in xs], 1)))
    return cases


def main() -> None:
    folder = Path(__file__).parent / "tests"
    for number, (xs, ys) in enumerate(tests(), start=1):
        a, b, loss = exact_fit(xs, ys)
        if number == 2:
            assert abs(float(a) - 36.00780537461501) < 1e-12, a
            assert abs(float(b) + 126.12821494344632) < 1e-12, b
        (folder / f"{number}.in").write_text(f"{len(xs)}\n{' '.join(xs)}\n{' '.join(ys)}\n")
        (folder / f"{number}.ans").write_text(f"{float(loss)!r}\n")
        print(
            f"{number:2}  n = {len(xs):4}  a = {float(a):<12.6g} b = {float(b):<12.6g} L = {float(loss)!r}"
        )


if __name__ == "__main__":
    main()
