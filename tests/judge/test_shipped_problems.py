"""Every shipped problem, judged for real: the reference gets full points, expect/ gets its verdicts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from judge.problemset import load_all
from judge.validation import validate_problem

PROBLEMS = load_all(Path(__file__).resolve().parents[2] / "problems")


# The lecture's earlier problem set (/work/shared/reference/lecture-problems.md), by the ids kept
# here; its `hello-ml` ships as `hello-autograd` (problems/README.md, "The shipped problem set").
EARLIER_IDS = {
    "hello-autograd", "secret-min", "mean-squared-error", "init-mse", "least-squares-easy",
    "least-squares", "autograd-practice-1", "autograd-practice-2", "autograd-practice-3",
    "minimize-difficult-function", "icecream-sells-well", "perceptron", "cross-entropy-error",
    "reguralarisation", "softmax", "2layer-neural-network", "adam", "automatic-differentiation",
}  # fmt: skip


def test_the_set_carries_the_whole_lecture():
    ids = {problem.id for problem in PROBLEMS}
    assert len(PROBLEMS) >= 30
    assert ids >= EARLIER_IDS, EARLIER_IDS - ids
    per_section = Counter(problem.spec.section for problem in PROBLEMS)
    assert all(per_section[section] >= 3 for section in range(1, 8)), per_section


def test_the_set_uses_every_part_of_the_format():
    specs = [problem.spec for problem in PROBLEMS]
    assert any(spec.scoring == "groups" for spec in specs)
    assert any(spec.scoring == "all-or-nothing" for spec in specs)
    assert any(g.private for spec in specs for g in spec.groups or [])
    assert any(spec.mode == "function" for spec in specs)
    assert any(spec.requires == "autograd" for spec in specs)
    assert any(spec.function and spec.function.call == "autograd-function" for spec in specs)
    assert any(spec.checker.type == "custom" for spec in specs)
    # Every problem judges some typical mistakes (expect/), which the check above runs.
    assert all(spec.expect for spec in specs)


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_problem_checks(runner, problem):
    assert validate_problem(problem, runner) == []
