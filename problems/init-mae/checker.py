"""Checker for init-mae: any constant c that minimises L(c) = (1/n) * sum |y_i - c| is accepted.

With an even n every c between the two middle values is a minimiser, so the output is not
compared with one number: the checker computes L(c) itself from the input (math.fsum, exact to
rounding) and accepts c when L(c) is within max(1e-3, 1e-6 * L_min) of the true minimum L_min,
which it computes the same way at the minimiser in tests/N.ans (a data point, which make_tests.py
proved to minimise L exactly).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
FAR = 1e7  # every minimiser lies within the data, |y_i| <= 1e6


def _show(token: str) -> str:
    return repr(token if len(token) <= 40 else token[:37] + "...")


def _loss(ys: list[int], c: float) -> float:
    return math.fsum(abs(y - c) for y in ys) / len(ys)


def check(input: str, output: str, answer: str, files: Path) -> tuple[float, str]:
    ys = [int(token) for token in input.split()]
    best = _loss(ys, float(answer.split()[0]))
    tokens = output.split()
    if not tokens:
        return 0.0, "no output: print one number, your constant prediction"
    if tokens[0].startswith("tensor("):
        return 0.0, "your output is a tensor's text (tensor(...)), not a number: print .item()"
    if len(tokens) > 1:
        return 0.0, f"expected exactly one number, got {len(tokens)} words"
    token = tokens[0]
    if not NUMBER.fullmatch(token):
        return 0.0, f"{_show(token)} is not a decimal number; print it like 3 or 2.5"
    c = float(token)
    if not math.isfinite(c) or abs(c) > FAR:
        return 0.0, f"{_show(token)} is far outside the data, so it cannot minimise the loss"
    loss = _loss(ys, c)
    if loss - best <= max(1e-3, 1e-6 * best):
        return 1.0, "correct: your constant minimises the mean absolute error"
    return 0.0, (
        f"the mean absolute error of your constant is {loss:.6g}, but a smaller one exists: "
        "the minimiser of absolute errors is not the one of squared errors"
    )
