"""Checker for secret-min: one integer x, scored max(0, 10 - (x - y)^2) / 10.

y is the hidden integer in tests/1.ans. The score tells a student how far x is from y (that is the
game: students probe with several submissions), but the message never names y itself.
"""

from __future__ import annotations

import re
from pathlib import Path

INTEGER = re.compile(r"[+-]?[0-9]+")
LOW, HIGH = -1000, 1000


def _show(token: str) -> str:
    return repr(token if len(token) <= 40 else token[:37] + "...")


def check(input: str, output: str, answer: str, files: Path) -> tuple[float, str]:
    y = int(answer.split()[0])
    tokens = output.split()
    if not tokens:
        return 0.0, "no output: print one integer x, e.g. print(0)"
    if len(tokens) > 1:
        return 0.0, f"expected exactly one integer, got {len(tokens)} words"
    token = tokens[0]
    if not INTEGER.fullmatch(token):
        return 0.0, f"{_show(token)} is not an integer: print x like 12 or -345 (no decimal point)"
    if len(token) > 8:  # never int() a huge string: it is out of range anyway
        return 0.0, f"{_show(token)} is outside [-1000, 1000]"
    x = int(token)
    if not LOW <= x <= HIGH:
        return 0.0, f"x = {x} is outside [-1000, 1000]"
    points = max(0, 10 - (x - y) ** 2)
    if points == 10:
        return 1.0, "correct: x = y, full score"
    if points == 0:
        return 0.0, "score 0/10: (x - y)^2 >= 10, x is far from y"
    return points / 10, f"score {points}/10: (x - y)^2 = {10 - points}"
