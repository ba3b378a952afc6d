"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

The iterates x_{k+1} = x_k - eta f'(x_k), f'(x) = 2ax + b - c e^{-x}, are computed with mpmath at
50 significant digits from the decimal strings of the input, and only then rounded to floats.
Two checks: a plain float64 loop agrees with them to 1e-12, and the lecture's own numbers for
f(x) = x^2 + e^{-x} from x_0 = 3 with eta = 0.01 come out: x_1 = 2.9404978706836786 and
0.35173371125366865, which the slide calls x_1000 but is x_999 (x_1000 = 0.3517337112535477...).
"""

import math
import random
from pathlib import Path

import mpmath as mp

mp.mp.dps = 50
random.seed(625)


def iterates_mp(a: str, b: str, c: str, x0: str, eta: str, n: int) -> list[float]:
    a, b, c, x, eta = (mp.mpf(v) for v in (a, b, c, x0, eta))
    out = []
    for _ in range(n):
        x = x - eta * (2 * a * x + b - c * mp.exp(-x))
        out.append(float(x))
    return out


def iterates_float(a: float, b: float, c: float, x: float, eta: float, n: int) -> list[float]:
    out = []
    for _ in range(n):
        x -= eta * (2 * a * x + b - c * math.exp(-x))
        out.append(x)
    return out


def random_case(n: int) -> tuple[str, str, str, str, str, int]:
    """A convex f and a learning rate small enough that gradient descent does not blow up."""
    a = random.choice(["0", f"{random.uniform(0.1, 2):.2f}"])
    c = f"{random.uniform(0.2, 3):.2f}"
    b = f"{random.uniform(0.5, 5):.2f}" if a == "0" else f"{random.uniform(-5, 5):.2f}"
    x0 = f"{random.uniform(-2, 5):.3f}"
    # f''(x) = 2a + c e^{-x} <= 2a + c e^2 on x >= -2; eta below 1 / f'' keeps every step inside.
    eta = f"{random.uniform(0.2, 0.9) / (2 * float(a) + float(c) * math.e**2):.4f}"
    return a, b, c, x0, eta, n


def tests() -> list[tuple[str, str, str, str, str, int]]:
    return [
        ("1", "0", "0", "3", "0.1", 3),  # the lecture's first example f(x) = x^2 (sample)
        ("1", "4", "0", "0", "0.1", 30),  # x^2 + 4x + 6 (the constant does not matter)
        ("1", "0", "1", "3", "0.01", 1000),  # the lecture's x^2 + e^{-x}
        ("0.25", "-1", "0", "-2", "1", 20),  # integer learning rate: x <- x / 2 + 1
        ("2", "-3", "0.5", "1.5", "0.05", 1),  # N = 1
        ("0", "-2", "0", "-1.5", "0.5", 10),  # f(x) = -2x has no minimum: x grows by 1 each step
        ("1", "0", "0", "3", "1.1", 15),  # too large a rate: |x_k| grows, the signs alternate
        random_case(50),
        random_case(200),
        random_case(1000),
        random_case(1000),
    ]


def main() -> None:
    folder = Path(__file__).parent / "tests"
    for number, (a, b, c, x0, eta, n) in enumerate(tests(), start=1):
        xs = iterates_mp(a, b, c, x0, eta, n)
        plain = iterates_float(float(a), float(b), float(c), float(x0), float(eta), n)
        assert all(abs(p - q) <= 1e-12 * max(1, abs(q)) for p, q in zip(plain, xs)), number
        assert all(abs(x) < 1e4 for x in xs), number
        if number == 3:  # the slide's "x_1000" is the 999th update (its loop is off by one)
            assert abs(xs[0] - 2.9404978706836786) < 1e-15, xs[0]
            assert abs(xs[998] - 0.35173371125366865) < 1e-15, xs[998]
        (folder / f"{number}.in").write_text(f"{a} {b} {c}\n{x0} {eta} {n}\n")
        (folder / f"{number}.ans").write_text("".join(f"{x!r}\n" for x in xs))
        print(f"{number:2}  a b c = {a} {b} {c}  x0 = {x0}  eta = {eta}  N = {n}  x_N = {xs[-1]!r}")


if __name__ == "__main__":
    main()
