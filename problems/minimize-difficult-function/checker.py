"""Checker for minimize-difficult-function: one number, scored by its distance to the minimiser.

Full score within FULL of the true minimiser (tests/1.ans, from make_answer.py: 60-digit bisection),
falling linearly to 0 at ZERO; anything but exactly one finite decimal number scores 0.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

FULL = 1e-3
ZERO = 0.02
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)


def _show(token: str) -> str:
    return repr(token if len(token) <= 40 else token[:37] + "...")


def check(input: str, output: str, answer: str, files: Path) -> tuple[float, str]:
    target = float(answer.split()[0])
    tokens = output.split()
    if not tokens:
        return 0.0, "no output: print the x you found, one number, e.g. print(x.item())"
    if tokens[0].startswith("tensor("):
        return 0.0, (
            "your output is a tensor's text (tensor(...)), not a number: print x.item() instead of x"
        )
    if len(tokens) > 1:
        return 0.0, (
            f"expected exactly one number, got {len(tokens)} words starting with {_show(tokens[0])}: "
            "print only the final x (remove prints inside the loop)"
        )
    token = tokens[0]
    if NOT_FINITE.fullmatch(token):
        return 0.0, (
            f"your x is {token}: gradient descent diverged or hit a 0/0; "
            "try a smaller learning rate or another starting point"
        )
    if not NUMBER.fullmatch(token):
        return 0.0, f"{_show(token)} is not a decimal number; print x like 0.123 or 1.23e-01"
    value = float(token)
    if not math.isfinite(value):
        return 0.0, f"{_show(token)} is too large: it overflows a floating-point number"
    distance = abs(value - target)
    if distance <= FULL:
        return 1.0, "correct: within 0.001 of the minimiser"
    score = min(1.0, max(0.0, (ZERO - distance) / (ZERO - FULL)))
    if score <= 0.0:
        return 0.0, (
            "not close to the minimiser (0.02 or more away): check the sign of the update "
            "(x - lr * grad), the learning rate and the number of steps"
        )
    return score, (
        "close to the minimiser but more than 0.001 away, partial score: "
        "run more gradient-descent steps or use a larger learning rate"
    )
