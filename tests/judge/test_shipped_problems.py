"""Every shipped problem, judged for real: the reference gets full points, expect/ gets its verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from judge.problemset import load_all
from judge.validation import validate_problem

PROBLEMS = load_all(Path(__file__).resolve().parents[2] / "problems")


def test_problems_are_shipped():
    assert len(PROBLEMS) >= 5


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_problem_checks(runner, problem):
    assert validate_problem(problem, runner) == []
