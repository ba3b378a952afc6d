"""Built-in checkers: float tolerance, exact text and whitespace-separated tokens.

Each is a plain function of the student's output and the answer file returning a CheckResult with
score 1 or 0. Messages are for the student, so they say what to fix and never echo unbounded text.
"""

from __future__ import annotations

import math
import re

from judge.checkers.errors import CheckerError
from judge.verdict import CheckResult

# Decimal floats plus the inf/nan words, ASCII only. float() alone would also take "1_000" and
# non-ASCII digits such as "١", which no Python/numpy/torch print produces: accepting them would
# only hide a bug in how a student formats numbers.
_NUMBER = re.compile(
    r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:e[+-]?[0-9]+)?|inf(?:inity)?|nan)",
    re.IGNORECASE,
)
QUOTE_LIMIT = 40


def quote(text: str) -> str:
    """Student text for a message: repr() escapes control characters, and the length is capped."""
    if len(text) > QUOTE_LIMIT:
        text = text[: QUOTE_LIMIT - 3] + "..."
    return repr(text)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def parse_number(token: str) -> float | None:
    return float(token) if _NUMBER.fullmatch(token) else None


def _parse_answer(answer: str) -> list[float]:
    numbers = []
    for index, token in enumerate(answer.split(), start=1):
        value = parse_number(token)
        if value is None:
            raise CheckerError(f"answer file: token {index} {quote(token)} is not a number")
        numbers.append(value)
    return numbers


def _compare(index: int, got: float, expected: float, abs_tol: float, rel_tol: float) -> str | None:
    """None when `got` matches, else the message saying why not."""
    if math.isnan(got):
        return f"number {index}: got nan, which never matches"
    if math.isnan(expected):
        return f"number {index}: expected nan, which never matches (got {got})"
    if math.isinf(got) or math.isinf(expected):
        # rel_tol·|inf| is inf, so the tolerance rule would let any number match an infinite answer.
        return None if got == expected else f"number {index}: expected {expected}, got {got}"
    error = abs(got - expected)
    tolerance = max(abs_tol, rel_tol * abs(expected))
    if error <= tolerance:
        return None
    return f"number {index}: expected {expected}, got {got} (error {error} > tolerance {tolerance})"


def check_float(output: str, answer: str, abs_tol: float, rel_tol: float) -> CheckResult:
    """Pairwise numbers; a pair matches when |out − ans| ≤ abs_tol or ≤ rel_tol·|ans|."""
    expected = _parse_answer(answer)
    tokens = output.split()
    if len(tokens) != len(expected):
        return CheckResult.fail(f"expected {_plural(len(expected), 'number')}, got {len(tokens)}")
    for index, (token, want) in enumerate(zip(tokens, expected, strict=True), start=1):
        got = parse_number(token)
        if got is None:
            return CheckResult.fail(f"number {index}: {quote(token)} is not a number")
        problem = _compare(index, got, want, abs_tol, rel_tol)
        if problem:
            return CheckResult.fail(problem)
    return CheckResult.ok()


def _normalise_text(text: str) -> list[str]:
    return text.replace("\r\n", "\n").rstrip().split("\n")


def check_exact(output: str, answer: str) -> CheckResult:
    """Equal text, forgiving only CRLF line endings and trailing whitespace at the end of file."""
    got, expected = _normalise_text(output), _normalise_text(answer)
    # the common prefix first; a missing or extra line is reported after it
    for number, (line, want) in enumerate(zip(got, expected, strict=False), start=1):
        if line != want:
            message = f"line {number} differs: expected {quote(want)}, got {quote(line)}"
            return CheckResult.fail(message)
    if len(got) < len(expected):
        return CheckResult.fail(
            f"output ends after {_plural(len(got), 'line')}, expected {len(expected)}"
        )
    if len(got) > len(expected):
        extra = got[len(expected)]
        return CheckResult.fail(
            f"line {len(expected) + 1}: expected end of output, got {quote(extra)}"
        )
    return CheckResult.ok()


def check_tokens(output: str, answer: str) -> CheckResult:
    """Equal whitespace-separated tokens; how the tokens are spaced or split into lines is free."""
    got, expected = output.split(), answer.split()
    counts = f"expected {_plural(len(expected), 'token')}, got {len(got)}"
    for index, (token, want) in enumerate(zip(got, expected, strict=False), start=1):
        if token != want:
            message = f"token {index}: expected {quote(want)}, got {quote(token)}"
            if len(got) != len(expected):
                message += f"; {counts}"
            return CheckResult.fail(message)
    if len(got) != len(expected):
        return CheckResult.fail(counts)
    return CheckResult.ok()
