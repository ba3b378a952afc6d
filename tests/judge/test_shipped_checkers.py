"""The custom checkers shipped under problems/ keep the contract on awkward, untrusted outputs.

A checker is run here from its source, the way the judge would: without importing `judge`.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

PROBLEMS_ROOT = Path(__file__).resolve().parents[2] / "problems"
CHECKERS = sorted(PROBLEMS_ROOT.glob("*/checker.py"))

AWKWARD_OUTPUTS = [
    "",
    "\n\n",
    "nan",
    "-inf",
    "Infinity",
    "1e999",
    "tensor(0.1900, requires_grad=True)",
    "0.19 0.19",
    "x_ 0 = 2.9 , f(x) = 1\n",
    "abc",
    "0,19",
    "\x00" * 100,
    "9" * 10_000,
    "1 " * 20_000,
]


def load_check(path: Path):
    namespace: dict = {"__name__": "checker"}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    return namespace["check"]


@pytest.mark.parametrize("path", CHECKERS, ids=lambda p: p.parent.name)
def test_checker_does_not_import_the_judge(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert "import judge" not in source and "from judge" not in source


@pytest.mark.parametrize("path", CHECKERS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("output", AWKWARD_OUTPUTS, ids=range(len(AWKWARD_OUTPUTS)))
def test_checker_scores_awkward_output_zero_with_a_message(path: Path, output: str) -> None:
    check = load_check(path)
    tests_dir = path.parent / "tests"
    for answer in sorted(tests_dir.glob("*.ans")):
        input_path = answer.with_suffix(".in")
        text_in = input_path.read_text() if input_path.exists() else ""
        score, message = check(text_in, output, answer.read_text(), path.parent / "files")
        assert score == 0.0
        assert isinstance(message, str) and message


@pytest.mark.parametrize("path", CHECKERS, ids=lambda p: p.parent.name)
def test_checker_gives_full_score_for_the_answer_itself(path: Path) -> None:
    check = load_check(path)
    for answer in sorted((path.parent / "tests").glob("*.ans")):
        input_path = answer.with_suffix(".in")
        text_in = input_path.read_text() if input_path.exists() else ""
        score, _ = check(text_in, answer.read_text(), answer.read_text(), path.parent / "files")
        assert score == 1.0


def test_minimize_difficult_function_scoring() -> None:
    root = PROBLEMS_ROOT / "minimize-difficult-function"
    check = load_check(root / "checker.py")
    answer = (root / "tests" / "1.ans").read_text()
    target = float(answer)
    assert abs(target - 0.190008783727401406) < 1e-15

    def score(value: float) -> float:
        return check("", f"{value!r}\n", answer, root / "files")[0]

    assert score(target + 0.0009) == 1.0
    assert score(target - 0.0009) == 1.0
    assert math.isclose(score(target + 0.0105), 0.5)
    assert math.isclose(score(target - 0.0105), 0.5)
    assert 0.0 < score(target + 0.019) < 0.06
    assert score(target + 0.0201) == 0.0
    assert score(target - 0.5) == 0.0
    for value in [target + d for d in (0.001, 0.002, 0.005, 0.01, 0.015, 0.0199)]:
        assert 0.0 <= score(value) <= 1.0
    # the partial score an expect/ file relies on (problem.yaml: 44.256756 points)
    assert round(100 * check("", "0.2016\n", answer, root / "files")[0], 6) == 44.256756
