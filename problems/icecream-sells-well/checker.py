"""Checker for icecream-sells-well: the printed a and b are scored by the loss they give.

The submission prints the fitted parameters `a b`, never a loss: a printed loss cannot be
trusted (the earlier judge scored a printed loss, so printing 0 won). This checker reads the same
CSVs the students read (files/public/data/, Shift_JIS), joins them on 年 and 月, and computes the
mean squared error of y ≈ a·x + b itself (x: 日最高気温の平均(℃), y: アイスクリーム), with
math.fsum. The optimum is the least-squares a*, b* from tests/1.ans (make_tests.py, exact
fractions), and its loss L* is computed by the same function, so both sides use one formula.

Score, with r = L(a, b) / L*:  1 when r <= 1.01;  (2 - r) / (2 - 1.01) when 1.01 < r < 2;  0 when
r >= 2. Anything but exactly two finite decimal numbers scores 0.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

FULL = 1.01  # within 1% of the optimal loss: full score
ZERO = 2.0  # twice the optimal loss or more: no score
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
NOT_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
ICE = "public/data/icecream-spending-2003-2012.csv"
WEATHER = "public/data/tokyo-weather-2003-2012.csv"


def _show(token: str) -> str:
    return repr(token if len(token) <= 40 else token[:37] + "...")


def _read(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("shift_jis")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _data(files: Path) -> tuple[list[float], list[float]]:
    ice = {(r["年"], r["月"]): float(r["アイスクリーム"]) for r in _read(files / ICE)}
    weather = {(r["年"], r["月"]): float(r["日最高気温の平均(℃)"]) for r in _read(files / WEATHER)}
    months = sorted(ice.keys() & weather.keys(), key=lambda m: (int(m[0]), int(m[1])))
    if len(months) != 120:  # a broken package, never the student's fault: let it be an IE
        raise RuntimeError(f"expected 120 months in both tables, found {len(months)} in common")
    return [weather[m] for m in months], [ice[m] for m in months]


def _loss(xs: list[float], ys: list[float], a: float, b: float) -> float:
    """Mean squared error; +inf when it overflows (d * d, not d ** 2, which raises)."""
    errors = []
    for x, y in zip(xs, ys):
        d = y - (a * x + b)
        errors.append(d * d)
    return math.fsum(errors) / len(errors)


def check(input: str, output: str, answer: str, files: Path) -> tuple[float, str]:
    xs, ys = _data(files)
    best_a, best_b = (float(t) for t in answer.split()[:2])
    best = _loss(xs, ys, best_a, best_b)

    tokens = output.split()
    if not tokens:
        return 0.0, "no output: print the fitted a and b on one line, e.g. print(a.item(), b.item())"
    if tokens[0].startswith("tensor("):
        return 0.0, (
            "your output is a tensor's text (tensor(...)), not numbers: "
            "print a.item() and b.item() instead of a and b"
        )
    if len(tokens) == 1:
        return 0.0, (
            "expected two numbers, a and b, got one: print the fitted parameters, not the loss "
            "(the judge computes the loss of your a and b itself)"
        )
    if len(tokens) > 2:
        return 0.0, (
            f"expected exactly two numbers, a and b, got {len(tokens)} words starting with "
            f"{_show(tokens[0])}: print only the final a and b (remove prints inside the loop)"
        )
    for token in tokens:
        if NOT_FINITE.fullmatch(token):
            return 0.0, (
                f"your output contains {token}: gradient descent diverged. Standardise the "
                "temperature or use a smaller learning rate"
            )
        if not NUMBER.fullmatch(token):
            return 0.0, f"{_show(token)} is not a decimal number; print a and b like 36.0 -126.1"
    a, b = float(tokens[0]), float(tokens[1])
    if not (math.isfinite(a) and math.isfinite(b)):
        return 0.0, "your a or b is too large: it overflows a floating-point number"
    loss = _loss(xs, ys, a, b)
    if not math.isfinite(loss):
        return 0.0, "the loss of your a and b overflows: they are far from a fit of the data"
    ratio = loss / best
    above = f"the mean squared error of your a and b is {loss:.6g}, {100 * (ratio - 1):.2f}% above the least-squares minimum"
    if ratio <= FULL:
        return 1.0, f"correct: {above} (within 1%)"
    score = min(1.0, max(0.0, (ZERO - ratio) / (ZERO - FULL)))
    if score <= 0.0:
        return 0.0, (
            f"{above}: twice the minimum or more scores 0. Check the column (日最高気温の平均(℃)), "
            "the sign of the update, the learning rate and the number of steps"
        )
    return score, f"{above}, partial score: run more steps or use a larger learning rate"
