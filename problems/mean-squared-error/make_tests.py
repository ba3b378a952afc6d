"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

Each answer is L(a, b) = (1/n) * sum (y_i - (a x_i + b))^2 computed exactly with Python integers
and fractions.Fraction, then rounded once to the nearest float. The random tests use a fixed seed.
Every test is checked against the limits in the statement, including that the sum of squares fits
in a 64-bit integer (so numpy int64 is safe, as the statement promises).
"""

import random
from fractions import Fraction
from pathlib import Path

N_MAX, A_MAX, B_MAX, X_MAX, Y_MAX = 1000, 100, 10**7, 10**5, 3 * 10**7
rng = random.Random(1)


def loss(a: int, b: int, xs: list[int], ys: list[int]) -> Fraction:
    return Fraction(sum((y - (a * x + b)) ** 2 for x, y in zip(xs, ys)), len(xs))


def around_line(a: int, b: int, xs: list[int], noise: int) -> list[int]:
    return [a * x + b + rng.randint(-noise, noise) for x in xs]


def uniform(n: int, limit: int) -> list[int]:
    return [rng.randint(-limit, limit) for _ in range(n)]


def cases() -> list[tuple[int, int, list[int], list[int]]]:
    out = []
    # 1 (sample): the worked example of the lecture, f(x) = 2x + 50 -> L = 100.
    out.append((2, 50, [50, 80], [140, 200]))
    # 2: n = 1.
    out.append((3, -4, [5], [7]))
    # 3: L = 2/3, not an integer (integer division gives 0).
    out.append((1, 0, [1, 2, 3], [2, 2, 2]))
    # 4: a = b = 0, negative data: L is the mean of y^2.
    out.append((0, 0, uniform(7, 50), uniform(7, 50)))
    # 5: a perfect fit, L = 0.
    xs = uniform(50, 1000)
    out.append((-7, 123, xs, [-7 * x + 123 for x in xs]))
    # 6: ice-cream-like data: temperatures 0..35, spending about 36x + 126 (the lecture's best
    # line), judged with the lecture's candidate a = 20, b = 100.
    xs = [rng.randint(0, 35) for _ in range(120)]
    out.append((20, 100, xs, [round(36.0078 * x + 126.128) + rng.randint(-300, 300) for x in xs]))
    # 7: random mid-sized data.
    out.append(
        (rng.randint(-10, 10), rng.randint(-100, 100), uniform(100, 100), uniform(100, 1000))
    )
    # 8: large values close to the line: float32 (torch's default) rounds a x + b and y by up
    # to 2, the same size as the residuals, so L in float32 is far off.
    a, b = 97, 9_876_543
    xs = uniform(N_MAX, X_MAX)
    out.append((a, b, xs, around_line(a, b, xs, 20)))
    # 9: the largest residuals the limits allow, n = N_MAX (the sum of squares is near 2.5e18).
    xs = [rng.choice([-X_MAX, X_MAX]) for _ in range(N_MAX)]
    ys = [-Y_MAX if x > 0 else Y_MAX for x in xs]
    out.append((A_MAX, -B_MAX, xs, ys))
    # 10: random large data, n = N_MAX.
    a, b = rng.randint(-A_MAX, A_MAX), rng.randint(-B_MAX, B_MAX)
    xs = uniform(N_MAX, X_MAX)
    out.append((a, b, xs, [max(-Y_MAX, min(Y_MAX, y)) for y in around_line(a, b, xs, 10**5)]))
    return out


def main() -> None:
    tests = Path(__file__).parent / "tests"
    for number, (a, b, xs, ys) in enumerate(cases(), start=1):
        n = len(xs)
        assert 1 <= n <= N_MAX and len(ys) == n and abs(a) <= A_MAX and abs(b) <= B_MAX
        assert all(abs(x) <= X_MAX for x in xs) and all(abs(y) <= Y_MAX for y in ys)
        assert sum((y - (a * x + b)) ** 2 for x, y in zip(xs, ys)) < 2**63
        value = float(loss(a, b, xs, ys))
        (tests / f"{number}.in").write_text(
            f"{a} {b}\n{' '.join(map(str, xs))}\n{' '.join(map(str, ys))}\n"
        )
        (tests / f"{number}.ans").write_text(f"{value!r}\n")
        print(f"{number:2}  n = {n:4}  a = {a:4}  b = {b:9}  L = {value!r}")


if __name__ == "__main__":
    main()
