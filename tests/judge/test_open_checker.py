"""open_checker picks the checker problem.yaml names and passes it the right settings."""

from __future__ import annotations

import pytest

from judge.checkers import CheckerError, open_checker
from judge.problemset import load_problem


@pytest.mark.parametrize(
    ("checker", "output", "passed"),
    [
        ({"type": "float", "abs_tol": 0.5, "rel_tol": 0}, "5.5", True),
        ({"type": "float", "abs_tol": 0.4, "rel_tol": 0}, "5.5", False),
        ({"type": "float", "abs_tol": 0, "rel_tol": 0.1}, "5.5", True),
        ({"type": "exact"}, "5\r\n", True),
        ({"type": "exact"}, " 5", False),
        ({"type": "tokens"}, "  5 \n", True),
        ({"type": "tokens"}, "5.0", False),
    ],
)
def test_builtin_checker_follows_problem_yaml(make_package, checker, output, passed) -> None:
    problem = load_problem(make_package(checker=checker))
    with open_checker(problem) as check:
        assert check("2 3\n", output, "5\n").passed is passed


def test_default_checker_is_float_with_small_tolerance(make_package) -> None:
    with open_checker(load_problem(make_package())) as check:
        assert check("", "5.000001", "5").passed
        assert not check("", "5.0001", "5").passed


def test_custom_problem_without_checker_path_is_an_error(make_package) -> None:
    problem = load_problem(make_package(checker={"type": "custom"}, checker_source="x = 1\n"))
    broken = problem.model_copy(update={"checker_path": None})
    with pytest.raises(CheckerError, match=r"no checker\.py"), open_checker(broken):
        pass
