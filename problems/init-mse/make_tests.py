"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

Each answer is the mean of the y_i, the minimiser of sum (y_i - c)^2 over constants c, computed
exactly with fractions.Fraction and rounded once to a float. The random tests use a fixed seed.
Besides the limits, the script checks that the median differs from the mean by more than the
tolerance wherever a test is meant to catch the median.
"""

import random
import statistics
from fractions import Fraction
from pathlib import Path

N_MAX, Y_MAX = 10**5, 10**6
rng = random.Random(2)


def cases() -> list[tuple[list[int], bool]]:
    """(ys, whether the median must be wrong on it)."""
    return [
        ([3, 1, 4, 1, 5], True),  # 1 (sample): mean 2.8, median 3
        ([-17], False),  # 2: n = 1
        ([4, 7], False),  # 3: n = 2, mean 5.5
        ([0, 0, 0, 0, 10], True),  # 4: skewed, mean 2, median 0
        ([42] * 30, False),  # 5: all equal
        ([-1, -2, -4], True),  # 6: negative, mean -7/3 (// gives -3, int() gives -2)
        ([rng.randint(-100, 100) for _ in range(1000)], True),  # 7
        # 8: skewed like sales data: many small values, a few large ones.
        ([int(rng.expovariate(1 / 300)) for _ in range(10_000)], True),
        ([rng.randint(-Y_MAX, Y_MAX) for _ in range(N_MAX)], True),  # 9: n at its limit
        # 10: n at its limit, 9 in 10 values near -10^6 and the rest near 10^6.
        (
            [rng.choice([-1] * 9 + [1]) * (Y_MAX - rng.randint(0, 999)) for _ in range(N_MAX - 1)],
            True,
        ),
    ]


def main() -> None:
    tests = Path(__file__).parent / "tests"
    for number, (ys, median_wrong) in enumerate(cases(), start=1):
        assert 1 <= len(ys) <= N_MAX and all(abs(y) <= Y_MAX for y in ys)
        mean = Fraction(sum(ys), len(ys))
        value = float(mean)
        tolerance = max(1e-3, 1e-6 * abs(value))
        if median_wrong:
            assert abs(statistics.median(ys) - value) > tolerance, number
        (tests / f"{number}.in").write_text(" ".join(map(str, ys)) + "\n")
        (tests / f"{number}.ans").write_text(f"{value!r}\n")
        print(f"{number:2}  n = {len(ys):6}  mean = {value!r}  median = {statistics.median(ys)}")


if __name__ == "__main__":
    main()
