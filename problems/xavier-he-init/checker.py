"""Checker for xavier-he-init: is the printed matrix a plausible draw of the asked scheme?

The input is `scheme n m` (fan_in n, fan_out m); the output must be m lines of n numbers. With
N = n m entries and the scheme's variance s2 (2 / (n + m) for Xavier, 2 / n for He), the checker
tests five statistics, each against a bound of Z = 6 standard errors of its sampling distribution
under a correct program:

  mean          sum(w) / N                  SE = sqrt(s2 / N)
  variance      sum(w^2) / N  (mean is 0)   SE = s2 sqrt(k / N), k = Var(w^2) / s2^2:
                                            0.8 for a uniform, 2 for a normal distribution
  uniform only  max |w| <= a (1 + 1e-5)     a = sqrt(3 s2); the slack covers 6 printed digits
                share of |w| <= a / 2       p = 1/2
  normal only   share of |w| <= sqrt(s2)    p = erf(1 / sqrt 2) = 0.6827
                share of |w| >  2 sqrt(s2)  p = erfc(sqrt 2)   = 0.0455
                (a share's SE is sqrt(p (1 - p) / N))

False failures: for N >= 600 these statistics are very nearly normal, so a correct program fails
one of them with probability about 2 Phi(-6) = 2.0e-9. make_tests.py computes the exact tails
where they have a closed form (the binomial shares, the chi-square of a normal scheme's variance)
and asserts each is below 1e-8; with at most 4 statistics per test and 11 tests, a correct program
is wrongly rejected with probability below 4 * 11 * 1e-8 < 5e-7 per submission (make_tests.py also
runs the reference generator many times through this checker).

Power: every hidden test has N >= 8000 and shapes chosen so that the typical mistakes (Xavier's
variance where He is asked and back, fan_out for fan_in, the standard deviation used as the
variance or the variance as the standard deviation, a normal where a uniform is asked and back,
the transposed matrix, a constant matrix) miss some bound by a wide margin; make_tests.py asserts it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

Z = 6.0
BOUND_SLACK = 1e-5
LARGEST = 1e6  # He with fan_in = 1 has std sqrt(2); nothing near 1e6 is plausible
SCHEMES = ("xavier-uniform", "xavier-normal", "he-uniform", "he-normal")
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def target_variance(scheme: str, n: int, m: int) -> float:
    return 2.0 / (n + m) if scheme.startswith("xavier") else 2.0 / n


def judge_values(scheme: str, n: int, m: int, values: list[float]) -> tuple[float, str]:
    """Score the N = n m numbers of a matrix of the right shape (split out for make_tests.py)."""
    count = len(values)
    s2 = target_variance(scheme, n, m)
    uniform = scheme.endswith("uniform")

    mean = math.fsum(values) / count
    se_mean = math.sqrt(s2 / count)
    if abs(mean) > Z * se_mean:
        return 0.0, (
            f"the mean of your weights is {mean:.4g}; for {count} draws with mean 0 it should be "
            f"within {Z * se_mean:.2g} of 0"
        )
    variance = math.fsum(v * v for v in values) / count
    se_variance = s2 * math.sqrt((0.8 if uniform else 2.0) / count)
    if abs(variance - s2) > Z * se_variance:
        return 0.0, (
            f"the variance of your weights is {variance:.4g}, but {scheme} with fan_in={n}, "
            f"fan_out={m} has variance {s2:.4g} (allowed: +-{Z * se_variance:.2g}); check the "
            "formula, fan_in vs fan_out, and standard deviation vs variance"
        )

    def share_test(share: float, p: float, what: str) -> str | None:
        se = math.sqrt(p * (1 - p) / count)
        if abs(share - p) <= Z * se:
            return None
        return (
            f"{share:.4f} of your weights are {what}, but for {scheme} about {p:.4f} should be; "
            "is the distribution uniform or normal as asked?"
        )

    if uniform:
        a = math.sqrt(3 * s2)
        largest = max(abs(v) for v in values)
        if largest > a * (1 + BOUND_SLACK):
            return 0.0, (
                f"a weight of size {largest:.4g} lies outside the interval [-{a:.4g}, {a:.4g}] of "
                f"{scheme}; is it uniform (not normal), with the right bound?"
            )
        inner = sum(1 for v in values if abs(v) <= a / 2) / count
        message = share_test(inner, 0.5, "within half the bound")
    else:
        sd = math.sqrt(s2)
        within = sum(1 for v in values if abs(v) <= sd) / count
        beyond = sum(1 for v in values if abs(v) > 2 * sd) / count
        message = share_test(within, math.erf(1 / math.sqrt(2)), "within one standard deviation")
        message = message or share_test(
            beyond, math.erfc(math.sqrt(2)), "beyond two standard deviations"
        )
    if message:
        return 0.0, message
    return 1.0, f"plausible {scheme} draw: mean, variance and shape of the distribution agree"


def parse_input(text: str) -> tuple[str, int, int]:
    scheme, n, m = text.split()
    return scheme, int(n), int(m)


def check(input: str, output: str, answer: str, files: Path) -> tuple[float, str]:
    scheme, n, m = parse_input(input)
    lines = [line for line in output.splitlines() if line.strip()]
    if not lines:
        return 0.0, f"no output: print {m} lines (fan_out) of {n} numbers (fan_in) each"
    if lines[0].lstrip().startswith("tensor("):
        return (
            0.0,
            "your output is a tensor's text (tensor(...)): print the numbers, e.g. print(*row)",
        )
    if len(lines) != m:
        return 0.0, (
            f"expected {m} lines (fan_out, one per output) of {n} numbers (fan_in), got "
            f"{len(lines)} lines; W has shape (fan_out, fan_in)"
        )
    values: list[float] = []
    for row, line in enumerate(lines, start=1):
        tokens = line.split()
        if len(tokens) != n:
            return 0.0, f"line {row} has {len(tokens)} numbers, expected {n} (fan_in)"
        for token in tokens:
            if not NUMBER.fullmatch(token):
                shown = token if len(token) <= 30 else token[:27] + "..."
                return 0.0, f"line {row}: {shown!r} is not a decimal number"
            value = float(token)
            if not abs(value) <= LARGEST:  # also nan/inf; keeps fsum from overflowing
                return 0.0, f"line {row}: {token[:30]!r} is far too large for an initial weight"
            values.append(value)
    return judge_values(scheme, n, m, values)
