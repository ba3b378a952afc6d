"""Checker for kaggle-tabular: the RMSE of the predicted prices on one part of the test rows.

The output is a CSV: the header `id,price`, then one line `id,price` per row of
public/test.csv, in any order. The test's answer (tests/public.ans or tests/private.ans) names
the rows this test scores (a perfect submission restricted to them); their true prices are read
from private/test_labels.csv. Every id must be a test id and appear once, and every price must be
a finite decimal number; otherwise the test scores 0 with a message.

The RMSE, rounded to 0.1 (万円), maps to the score linearly between two thresholds:
RMSE <= FULL gives 1, RMSE >= ZERO gives 0. The mean price of the training data has an RMSE of
about 1300-1500 on both parts (0), a linear model of the raw columns about 530-650 (part of the
points), a linear model of log(price) about 320 (1).
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

FULL = 360.0  # RMSE at or below this: the full score of the test
ZERO = 900.0  # RMSE at or above this: 0
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
ID = re.compile(r"[0-9]{1,9}")
HEADER = "id,price"

_cache: dict[str, object] = {}


def _data(files: Path) -> tuple[set[int], dict[int, float]]:
    """The ids of public/test.csv and the true prices of private/test_labels.csv (cached)."""
    if "labels" not in _cache:
        with open(files / "public" / "test.csv", newline="") as f:
            _cache["ids"] = {int(row["id"]) for row in csv.DictReader(f)}
        with open(files.parent / "private" / "test_labels.csv", newline="") as f:
            _cache["labels"] = {int(row["id"]): float(row["price"]) for row in csv.DictReader(f)}
    return _cache["ids"], _cache["labels"]  # type: ignore[return-value]


def _show(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _parse(output: str, test_ids: set[int]) -> tuple[dict[int, float] | None, str]:
    lines = [line.strip() for line in output.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return None, "no output: print the header id,price and one line id,price per test row"
    header = lines[0].replace(" ", "")
    if header != HEADER:
        if header.startswith(",") or header.startswith("Unnamed"):
            hint = " (the DataFrame's index was written too: use to_csv(sys.stdout, index=False))"
        elif header.startswith("tensor(") or "  " in lines[0]:
            hint = " (print the CSV text, e.g. df.to_csv(sys.stdout, index=False), not the object)"
        else:
            hint = ""
        return None, f"the first line must be the header id,price, got {_show(lines[0])}{hint}"
    predictions: dict[int, float] = {}
    for number, line in enumerate(lines[1:], start=2):
        fields = [field.strip() for field in line.split(",")]
        if len(fields) != 2:
            return None, f"line {number}: expected two fields id,price, got {_show(line)}"
        if not ID.fullmatch(fields[0]):
            return None, f"line {number}: {_show(fields[0])} is not an id"
        if not NUMBER.fullmatch(fields[1]):
            return None, f"line {number}: {_show(fields[1])} is not a decimal number"
        key, value = int(fields[0]), float(fields[1])
        if key not in test_ids:
            return None, f"line {number}: id {key} is not in public/test.csv"
        if key in predictions:
            return None, f"line {number}: a second prediction for id {key}"
        if not math.isfinite(value):
            return None, f"line {number}: the price {_show(fields[1])} overflows a float"
        predictions[key] = value
    return predictions, ""


def check(input: str, output: str, answer: str, files: Path) -> tuple[float, str]:
    test_ids, labels = _data(Path(files).resolve())
    scored = [int(line.split(",")[0]) for line in answer.split()[1:]]
    predictions, problem = _parse(output, test_ids)
    if predictions is None:
        return 0.0, problem
    missing = [key for key in scored if key not in predictions]
    if missing:
        return 0.0, (
            f"{len(missing)} of the rows this part scores have no prediction: "
            f"print one line for each of the {len(test_ids)} rows of public/test.csv"
        )
    squared = math.fsum((predictions[key] - labels[key]) ** 2 for key in scored)
    rmse = round(math.sqrt(squared / len(scored)), 1)
    score = min(1.0, max(0.0, (ZERO - rmse) / (ZERO - FULL)))
    if score == 1.0:
        return 1.0, f"RMSE {rmse:.1f}: at most {FULL:g}, the full score"
    if score == 0.0:
        return 0.0, f"RMSE {rmse:.1f}: at least {ZERO:g}, no better than a constant guess"
    return score, f"RMSE {rmse:.1f}: {100 * score:.1f}% of the points (full at {FULL:g} or less)"
