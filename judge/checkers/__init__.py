"""Checkers decide whether a clean run's output is right: built-in ones, or the problem's own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from judge.checkers.custom import CheckerProcess
from judge.checkers.errors import CheckerError
from judge.checkers.numeric import check_exact, check_float, check_tokens
from judge.problemset import Problem
from judge.spec import ExactChecker, FloatChecker, TokensChecker
from judge.verdict import CheckResult

__all__ = [
    "Check",
    "CheckerError",
    "CheckerProcess",
    "check_exact",
    "check_float",
    "check_tokens",
    "open_checker",
]

Check = Callable[[str, str, str], CheckResult]


@contextmanager
def open_checker(problem: Problem) -> Iterator[Check]:
    """Yield `check(input, output, answer) -> CheckResult` for every test of one submission.

    A custom checker's process lives as long as the `with` block; built-in checkers hold nothing.
    Raises CheckerError from a call when the check itself could not be carried out.
    """
    spec = problem.spec.checker
    if isinstance(spec, FloatChecker):
        yield lambda input, output, answer: check_float(output, answer, spec.abs_tol, spec.rel_tol)
    elif isinstance(spec, ExactChecker):
        yield lambda input, output, answer: check_exact(output, answer)
    elif isinstance(spec, TokensChecker):
        yield lambda input, output, answer: check_tokens(output, answer)
    else:  # custom: the union has no other member
        if problem.checker_path is None:
            raise CheckerError(f"problem {problem.id}: checker type is custom but no checker.py")
        with CheckerProcess(
            problem_id=problem.id,
            checker_path=problem.checker_path,
            files_dir=problem.root / "files",
            cwd=problem.root,
            time_limit_ms=spec.time_limit_ms,
        ) as process:
            yield process
