"""The pipeline with a fake runner: verdicts, scores and messages, no sandbox involved."""

from __future__ import annotations

import threading
from pathlib import Path

from judge.pipeline import judge_report
from judge.problemset import load_problem
from judge.runner import RunRequest, RunResult, RunStatus
from judge.verdict import Verdict


class ScriptedRunner:
    """Answers each test from a table keyed by the test's stdin; records the requests."""

    def __init__(self, results: dict[bytes, RunResult]):
        self.results, self.requests = results, []

    def run(self, request: RunRequest) -> RunResult:
        self.requests.append(request)
        return self.results[request.stdin]


def make_problem(root: Path, checker: str = "type: float\n  abs_tol: 1.0e-6\n  rel_tol: 0") -> Path:
    folder = root / "pipe"
    (folder / "tests").mkdir(parents=True)
    (folder / "problem.yaml").write_text(
        f"id: pipe\ntitle: Pipe\nsection: 2\npoints: 50\nsamples: [a]\nchecker:\n  {checker}\n"
    )
    (folder / "statement.md").write_text("Echo a number.\n")
    (folder / "solution.py").write_text("print(input())\n")
    for name, value in (("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")):
        (folder / "tests" / f"{name}.in").write_text(value + "\n")
        (folder / "tests" / f"{name}.ans").write_text(value + "\n")
    return folder


def ok(stdout: bytes) -> RunResult:
    return RunResult(status=RunStatus.OK, stdout=stdout, time_ms=5, wall_ms=9, memory_kb=100)


def test_all_correct_is_ac_with_full_points(tmp_path):
    problem = load_problem(make_problem(tmp_path))
    runner = ScriptedRunner({f"{i}\n".encode(): ok(f"{i}\n".encode()) for i in range(1, 5)})
    report = judge_report(problem, "print(input())", runner)
    assert report.verdict is Verdict.AC
    assert (report.score, report.max_score) == (50.0, 50.0)
    assert [c.name for c in report.tests] == ["a", "b", "c", "d"]
    assert report.tests[0].sample and not report.tests[1].sample
    assert runner.requests[0].limits == problem.spec.limits


def test_first_failing_test_decides_the_verdict_and_every_test_still_runs(tmp_path):
    problem = load_problem(make_problem(tmp_path))
    runner = ScriptedRunner(
        {
            b"1\n": ok(b"1\n"),
            b"2\n": RunResult(
                status=RunStatus.TLE, message="CPU time 2100 ms exceeded the limit of 2000 ms"
            ),
            b"3\n": ok(b"30\n"),
            b"4\n": RunResult(
                status=RunStatus.RE, message="exit code 1", stderr_tail="ZeroDivisionError"
            ),
        }
    )
    seen = []
    report = judge_report(problem, "src", runner, on_case=seen.append)
    assert [c.verdict for c in report.tests] == [Verdict.AC, Verdict.TLE, Verdict.WA, Verdict.RE]
    assert report.verdict is Verdict.TLE
    assert report.score == 12.5
    assert seen == report.tests
    assert "ZeroDivisionError" in report.tests[3].message
    assert "expected 3" in report.tests[2].message


def test_binary_output_is_wa_with_a_message(tmp_path):
    problem = load_problem(make_problem(tmp_path))
    runner = ScriptedRunner({f"{i}\n".encode(): ok(b"\xff\xfe") for i in range(1, 5)})
    report = judge_report(problem, "src", runner)
    assert report.verdict is Verdict.WA
    assert "not UTF-8" in report.tests[0].message


def test_a_broken_custom_checker_is_ie_not_a_students_verdict(tmp_path):
    folder = make_problem(tmp_path, checker="type: custom\n  time_limit_ms: 2000")
    (folder / "checker.py").write_text(
        "def check(input, output, answer, files):\n    raise KeyError('oops')\n"
    )
    problem = load_problem(folder)
    runner = ScriptedRunner({f"{i}\n".encode(): ok(f"{i}\n".encode()) for i in range(1, 5)})
    report = judge_report(problem, "src", runner)
    assert report.verdict is Verdict.IE
    assert report.score == 0


def test_partial_scores_from_a_custom_checker_average(tmp_path):
    folder = make_problem(tmp_path, checker="type: custom")
    (folder / "checker.py").write_text(
        "def check(input, output, answer, files):\n"
        "    return (1.0, 'exact') if output.strip() == answer.strip() else (0.5, 'half')\n"
    )
    problem = load_problem(folder)
    runner = ScriptedRunner(
        {b"1\n": ok(b"1\n"), b"2\n": ok(b"2\n"), b"3\n": ok(b"x\n"), b"4\n": ok(b"x\n")}
    )
    report = judge_report(problem, "src", runner)
    assert report.verdict is Verdict.WA
    assert report.score == 50 * 0.75
    assert report.tests[2].message == "half"


class OverlappingRunner:
    """Runs two tests at once; the first returns only once the second has started."""

    parallel_tests = 2

    def __init__(self) -> None:
        self.second_started = threading.Event()

    def run(self, request: RunRequest) -> RunResult:
        if request.stdin == b"1\n":
            assert self.second_started.wait(10), "the tests did not run at once"
        else:
            self.second_started.set()
        return ok(request.stdin)


def test_tests_run_in_parallel_and_are_reported_in_order(tmp_path):
    problem = load_problem(make_problem(tmp_path))
    seen = []
    report = judge_report(problem, "print(input())", OverlappingRunner(), on_case=seen.append)
    assert [case.name for case in seen] == ["a", "b", "c", "d"]
    assert [case.name for case in report.tests] == ["a", "b", "c", "d"]
    assert report.verdict is Verdict.AC
