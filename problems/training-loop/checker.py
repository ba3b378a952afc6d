"""Checker for training-loop: the accuracy of the printed class labels on the hidden test labels.

The submission prints one class label (0, 1 or 2) per row of public/test_features.csv. The
checker reads the true labels from private/test_labels.csv (never in the sandbox), computes the
accuracy itself and maps it to a score by the thresholds in TIERS, which the statements repeat.
The test's .ans file holds the same labels (a perfect output), so the answer passes its own
checker; the labels are read from private/ all the same, the one place they are kept.

Only the standard library: the checker runs in its own process and must not import the judge.
"""

from __future__ import annotations

import re
from pathlib import Path

CLASSES = 3
# (lowest accuracy, score): the first row whose accuracy is reached gives the score.
TIERS = [(0.90, 1.0), (0.80, 0.6), (0.60, 0.3), (0.0, 0.0)]
INTEGER = re.compile(r"[+-]?[0-9]+")
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
FORMAT_HINT = (
    "print one class label (0, 1 or 2) per line and nothing else, e.g. "
    "print('\\n'.join(str(c) for c in pred.tolist())) with pred = model(X_test).argmax(dim=1)"
)


def _show(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _labels(files: Path) -> list[int]:
    path = files.parent / "private" / "test_labels.csv"  # files/ is <package>/files
    lines = path.read_text(encoding="utf-8").split()
    return [int(line) for line in lines[1:]]  # skip the header "label"


def _parse(output: str, n: int) -> tuple[list[int] | None, str]:
    lines = output.splitlines()
    while lines and not lines[-1].strip():  # a trailing empty line is fine
        lines.pop()
    if not lines:
        return None, f"no output: expected {n} lines; " + FORMAT_HINT
    first = lines[0].strip()
    if first.startswith("tensor(") or first.startswith("["):
        is_tensor = first.startswith("tensor(")
        what = "a tensor's text (tensor(...))" if is_tensor else "a Python list ([...])"
        return None, f"line 1 is {what}, not one label: " + FORMAT_HINT
    labels = []
    for number, line in enumerate(lines, start=1):
        words = line.split()
        if len(words) != 1:
            if len(words) > 1 and all(NUMBER.fullmatch(w) for w in words):
                return None, (
                    f"line {number} holds {len(words)} numbers: print only the predicted class "
                    "(the argmax), not the scores or probabilities of every class"
                )
            if not words:
                return None, f"line {number} is empty; " + FORMAT_HINT
            return None, (
                f"line {number} is {_show(line.strip())}, not a class label: do not print progress "
                "lines such as the loss (or print them to sys.stderr); " + FORMAT_HINT
            )
        word = words[0]
        if len(word) > 20:  # no label is that long (and int() of 5000 digits raises)
            return None, f"line {number} is {_show(word)}, not a class label; " + FORMAT_HINT
        if INTEGER.fullmatch(word):
            value = int(word)
        elif NUMBER.fullmatch(word) and float(word).is_integer() and abs(float(word)) < 1e9:
            value = int(float(word))  # "2.0" is the label 2
        elif NUMBER.fullmatch(word):
            return None, (
                f"line {number} is {_show(word)}, not a class label: print the class with the "
                "largest output (argmax), not a probability or a score"
            )
        else:
            return None, f"line {number} is {_show(word)}, not a class label; " + FORMAT_HINT
        if not 0 <= value < CLASSES:
            return None, f"line {number} is {_show(word)}: the classes are 0, 1 and 2"
        labels.append(value)
        if len(labels) > n:
            break
    if len(labels) != n:
        return None, (
            f"expected {n} lines (one label for each of the {n} rows of public/test_features.csv, "
            f"in their order), got {len(lines)}"
        )
    return labels, ""


def check(input: str, output: str, answer: str, files: Path) -> tuple[float, str]:
    truth = _labels(files)
    predicted, problem = _parse(output, len(truth))
    if predicted is None:
        return 0.0, problem
    right = sum(p == t for p, t in zip(predicted, truth))
    accuracy = right / len(truth)
    score = next(score for lowest, score in TIERS if accuracy >= lowest)
    message = f"accuracy {accuracy:.4f} ({right} of {len(truth)} test points right): "
    if score == 1.0:
        return score, message + "full points"
    if len(set(predicted)) == 1:
        message += (
            f"you predict class {predicted[0]} for every point, which gets only a third right. "
            "Did the model learn? Check that optimizer.zero_grad(), loss.backward() and "
            "optimizer.step() run for every mini-batch, and that the learning rate is not too large"
        )
    elif score == 0.0:
        message += "no better than an untrained model; 0.60 gives 30 points"
    else:
        following = next(lowest for lowest, s in reversed(TIERS) if s > score)
        message += f"{round(score * 100)} points; {following:.2f} gives more"
        if accuracy < 0.80:
            message += (
                " (a straight-line boundary, i.e. a model without hidden layers and activations, "
                "cannot follow the spirals)"
            )
    return score, message
