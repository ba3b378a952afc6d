"""Write tests/N.in and tests/N.ans (run by hand; not used by the judge).

The answer file holds a minimiser of L(c) = (1/n) * sum |y_i - c|: the lower median, checked
exactly with fractions.Fraction against the minimum over all real c (L is convex and piecewise
linear with its kinks at the data, so its minimum is the smallest L(y_j) over the data points).
The checker computes L at that minimiser and accepts any c whose L(c) reaches it. Random tests use a fixed seed.
"""

import random
import statistics
from fractions import Fraction
from pathlib import Path

N_MAX, Y_MAX = 10**5, 10**6
rng = random.Random(4)


def loss(ys: list[int], c: Fraction) -> Fraction:
    return Fraction(sum(abs(y - c) for y in ys), len(ys))


def minimum(ys: list[int]) -> Fraction:
    ys = sorted(ys)
    prefix = [0]
    for y in ys:
        prefix.append(prefix[-1] + y)
    n, total = len(ys), prefix[-1]
    # L(ys[j]) in O(1) from prefix sums: points below ys[j] and points from ys[j] on.
    return min(
        Fraction(j * y - prefix[j] + (total - prefix[j]) - (n - j) * y, n) for j, y in enumerate(ys)
    )


def cases() -> list[tuple[list[int], str]]:
    return [
        ([3, 1, 4, 1, 5], "mean"),  # 1 (sample): median 3, mean 2.8
        ([-17], ""),  # 2: n = 1
        ([4, 10], ""),  # 3: n = 2, every c in [4, 10] is a minimiser
        ([0, 0, 0, 0, 10], "mean"),  # 4: skewed, median 0, mean 2
        ([7, -3, 12, 100, -50, 8], "mean"),  # 5: even n, negatives, minimisers [7, 8]
        ([rng.randint(-100, 100) for _ in range(1000)], "mean"),  # 6
        ([int(rng.expovariate(1 / 300)) for _ in range(10_000)], "mean"),  # 7: skewed, sales-like
        ([rng.randint(-Y_MAX, Y_MAX) for _ in range(N_MAX)], ""),  # 8: n at its limit
        # 9: n at its limit (even), 9 in 10 values near -10^6 and the rest near 10^6.
        (
            [rng.choice([-1] * 9 + [1]) * (Y_MAX - rng.randint(0, 999)) for _ in range(N_MAX)],
            "mean",
        ),
    ]


def main() -> None:
    tests = Path(__file__).parent / "tests"
    for number, (ys, trap) in enumerate(cases(), start=1):
        assert 1 <= len(ys) <= N_MAX and all(abs(y) <= Y_MAX for y in ys)
        best = minimum(ys)
        median = statistics.median(ys)
        assert loss(ys, Fraction(median)) == best  # the textbook answer agrees
        if trap == "mean":  # the mean must miss the minimum by more than the tolerance
            mean = Fraction(sum(ys), len(ys))
            excess = Fraction(sum(abs(y - mean) for y in ys), len(ys)) - best
            assert excess > max(Fraction(1, 1000), best / 10**6), number
        (tests / f"{number}.in").write_text(" ".join(map(str, ys)) + "\n")
        lower_median = sorted(ys)[(len(ys) - 1) // 2]
        assert loss(ys, Fraction(lower_median)) == best
        (tests / f"{number}.ans").write_text(f"{lower_median}\n")
        print(f"{number:2}  n = {len(ys):6}  min L = {float(best)!r}  median = {median}")


if __name__ == "__main__":
    main()
