"""Every package shipped under problems/ loads, and has what students and the judge rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from judge.problemset import Problem, load_all

PROBLEMS_ROOT = Path(__file__).resolve().parents[2] / "problems"
PROBLEMS = load_all(PROBLEMS_ROOT)


def test_some_problems_are_shipped() -> None:
    ids = {problem.id for problem in PROBLEMS}
    assert {
        "autograd-practice-1",
        "autograd-practice-2",
        "autograd-practice-3",
        "minimize-difficult-function",
        "hello-autograd",
    } <= ids


def test_every_folder_with_a_yaml_is_loaded() -> None:
    folders = sorted(p.parent.name for p in PROBLEMS_ROOT.glob("*/problem.yaml"))
    assert [problem.id for problem in PROBLEMS] == folders


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_has_both_statements(problem: Problem) -> None:
    assert set(problem.statements) == {"en", "ja"}
    for lang, text in problem.statements.items():
        assert text.strip(), f"{problem.id}: empty {lang} statement"
    assert problem.spec.title_ja, f"{problem.id}: no Japanese title"


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_tests_have_answers_and_expect_files_exist(problem: Problem) -> None:
    assert problem.tests
    for test in problem.tests:
        assert test.read_answer().strip(), f"{problem.id}: empty answer in test {test.name}"
    for name in problem.spec.expect:
        assert problem.expect_path(name).is_file()


def test_hello_autograd_has_many_tests_and_one_sample() -> None:
    (problem,) = [p for p in PROBLEMS if p.id == "hello-autograd"]
    assert len(problem.tests) >= 8
    assert [test.name for test in problem.tests if test.sample] == ["1"]
