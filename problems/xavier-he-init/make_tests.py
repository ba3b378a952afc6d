"""Write tests/N.in and tests/N.ans for xavier-he-init (run by hand; not used by the judge).

The checker (checker.py) accepts any plausible draw and ignores the .ans; each .ans is one valid
draw (numpy, fixed seed, 6 significant digits) so that the checker can be tested on it, and the
sample's is shown to students.

Before writing anything this script asserts, for every test:
  * exact false-failure tails (mpmath) of the binomial shares and of the chi-square variance of
    the normal schemes are below 1e-8 at the checker's Z = 6 bounds;
  * REPEATS draws of a correct generator all pass checker.judge_values;
and for every scoring group (one per scheme), that each typical mistake is rejected in all of
MISTAKE_REPEATS draws on at least one of the group's tests.
"""

import math
import random
import sys
from pathlib import Path

import mpmath as mp
import numpy as np

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import checker

REPEATS = 30
MISTAKE_REPEATS = 5
MAX_TAIL = 1e-8


def random_shape(scheme, rng):
    """Shapes with 8000 <= n m <= 30000 where Xavier and He, fan_in and fan_out, differ enough."""
    while True:
        n, m = rng.randint(16, 400), rng.randint(16, 400)
        if not 8000 <= n * m <= 30000 or abs(n - m) < 0.3 * max(n, m):
            continue
        if min(n, m) >= 0.3 * max(n, m):
            return n, m


def tests(rng):
    listing = [("xavier-uniform", 30, 20)]  # the sample
    for scheme in checker.SCHEMES:
        listing += [(scheme, *random_shape(scheme, rng)) for _ in range(2)]
    # Edge cases: a layer with one input (fan_in = 1), so each line holds one number.
    listing += [("xavier-normal", 1, 10000), ("he-normal", 1, 12000)]
    return listing


def draw(kind, variance, shape, gen):
    if kind == "uniform":
        a = math.sqrt(3 * variance)
        return gen.uniform(-a, a, size=shape)
    return gen.normal(0.0, math.sqrt(variance), size=shape)


def mistakes(scheme, n, m):
    """name -> (distribution, variance) of a typical wrong program for this test."""
    kind = scheme.split("-")[1]
    other = "normal" if kind == "uniform" else "uniform"
    s2 = checker.target_variance(scheme, n, m)
    xavier, he = 2 / (n + m), 2 / n
    wrong = {
        "Xavier/He swapped": (kind, he if scheme.startswith("xavier") else xavier),
        "uniform/normal swapped": (other, s2),
        "std used as variance": (kind, s2 * s2),
        "variance used as std": (kind, math.sqrt(s2)),
        "bound = std (uniform)": ("uniform", s2 / 3),
        "zeros": ("constant", 0.0),
        "constant std": ("constant", s2),
    }
    if scheme.startswith("he"):
        wrong["fan_out instead of fan_in"] = (kind, 2 / m)
    return wrong


def sample_values(kind, variance, n, m, gen):
    if kind == "constant":
        return [math.sqrt(variance)] * (n * m)
    return draw(kind, variance, (m, n), gen).ravel().tolist()


def exact_tails(scheme, n, m):
    """Exact false-failure probabilities of the statistics that have a closed form."""
    count = n * m
    z = checker.Z
    tails = {}

    def binomial(p):
        """P(X <= low) + P(X >= high) for X ~ Binomial(count, p), summing the pmf in log space."""
        sd = math.sqrt(count * p * (1 - p))
        low, high = math.ceil(count * p - z * sd) - 1, math.floor(count * p + z * sd) + 1

        def pmf(k):
            log = math.lgamma(count + 1) - math.lgamma(k + 1) - math.lgamma(count - k + 1)
            return math.exp(log + k * math.log(p) + (count - k) * math.log1p(-p))

        return math.fsum(pmf(k) for k in range(max(low + 1, 0))) + math.fsum(
            pmf(k) for k in range(high, count + 1)
        )

    if scheme.endswith("uniform"):
        tails["share <= a/2"] = binomial(0.5)
    else:
        tails["share <= sd"] = binomial(math.erf(1 / math.sqrt(2)))
        tails["share > 2 sd"] = binomial(math.erfc(math.sqrt(2)))
        half = mp.mpf(count) / 2
        spread = z * math.sqrt(2 / count)  # relative bound on the variance statistic
        upper = mp.gammainc(half, count * (1 + spread) / 2, mp.inf, regularized=True)
        lower = mp.gammainc(half, 0, count * max(0.0, 1 - spread) / 2, regularized=True)
        tails["variance (chi-square)"] = float(upper + lower)
    return tails


def main():
    mp.mp.dps = 30
    rng = random.Random(345_02)
    gen = np.random.default_rng(345_02)
    listing = tests(rng)
    rejected_by = {}
    for number, (scheme, n, m) in enumerate(listing, start=1):
        assert n != m, "the transposed matrix must have another number of lines"
        kind = scheme.split("-")[1]
        s2 = checker.target_variance(scheme, n, m)
        for name, tail in exact_tails(scheme, n, m).items():
            assert tail < MAX_TAIL, (number, name, tail)
        for _ in range(REPEATS):
            score, message = checker.judge_values(scheme, n, m, sample_values(kind, s2, n, m, gen))
            assert score == 1.0, (number, message)
        for name, (wrong_kind, variance) in mistakes(scheme, n, m).items():
            if all(
                checker.judge_values(scheme, n, m, sample_values(wrong_kind, variance, n, m, gen))[
                    0
                ]
                == 0.0
                for _ in range(MISTAKE_REPEATS)
            ):
                rejected_by.setdefault((scheme, name), []).append(number)
        (HERE / "tests" / f"{number}.in").write_text(f"{scheme} {n} {m}\n")
        # Every .ans is one valid draw (6 significant digits), so that the checker can be tested
        # on it; the sample's is shown to students.
        matrix = draw(kind, s2, (m, n), gen)
        text = "\n".join(" ".join(f"{v:.6g}" for v in row) for row in matrix) + "\n"
        answer_check = checker.check(f"{scheme} {n} {m}\n", text, "", HERE / "files")
        assert answer_check[0] == 1.0, (number, answer_check)
        (HERE / "tests" / f"{number}.ans").write_text(text)
        print(f"{number:2} {scheme:15} n={n:5} m={m:5} N={n * m:6} variance={s2:.6g}")
    for scheme in checker.SCHEMES:
        n, m = next((n, m) for s, n, m in listing[1:] if s == scheme)
        for name in mistakes(scheme, n, m):
            assert (scheme, name) in rejected_by, (scheme, name, "passes every test of its group")
    print("every mistake is rejected in every group:", sorted(rejected_by.items()))


if __name__ == "__main__":
    main()
