"""validate_problem: the one check of `mljudge problems check` and the upload, without a sandbox."""

from __future__ import annotations

from judge.problemset import load_problem
from judge.runner import RunRequest, RunResult, RunStatus
from judge.validation import slowest_test, validate_problem


class ScriptedRunner:
    """Prints what the source's first line says (`#print 5`), or the sum of stdin's numbers
    (`#sum`), or runs out of time (`#tle`); never executes code."""

    def run(self, request: RunRequest) -> RunResult:
        first = request.source.splitlines()[0]
        if first == "#tle":
            return RunResult(status=RunStatus.TLE, message="time limit exceeded")
        if first == "#sum":
            total = sum(int(x) for x in request.stdin.split()) if request.stdin else 7
            return RunResult(status=RunStatus.OK, stdout=f"{total}\n".encode())
        return RunResult(status=RunStatus.OK, stdout=first.removeprefix("#print ").encode())


def package(make_package, solution: str, expect: dict[str, object], files: dict[str, str]):
    root = make_package(expect=expect)
    (root / "solution.py").write_text(solution)
    for path in (root / "expect").iterdir():
        path.unlink()
    for name, source in files.items():
        (root / "expect" / name).write_text(source)
    return load_problem(root)


def test_a_fit_package_has_no_failures(make_package) -> None:
    problem = package(
        make_package,
        "#sum\n",
        {"wrong.py": {"verdict": "WA", "score": 0}, "half.py": {"verdict": "WA", "score": 50}},
        {"wrong.py": "#print 0\n", "half.py": "#print 5\n"},
    )
    assert validate_problem(problem, ScriptedRunner()) == []


def test_every_failure_is_one_line_naming_its_file(make_package) -> None:
    problem = package(
        make_package,
        "#print 5\n",  # right on test 1 only: WA, half the points
        {"slow.py": "TLE", "half.py": {"verdict": "WA", "score": 40}, "ok.py": "WA"},
        {"slow.py": "#print 0\n", "half.py": "#print 5\n", "ok.py": "#print 1\n"},
    )
    failures = validate_problem(problem, ScriptedRunner())
    assert len(failures) == 3, failures
    assert failures[0].startswith("demo/solution.py: got WA 50/100, not AC at full points (2: WA")
    assert failures[1:] == [
        "demo/expect/slow.py: got WA, expected TLE",
        "demo/expect/half.py: scored 50, expected 40",
    ]


def test_a_score_within_one_millionth_of_a_point_matches(make_package) -> None:
    # 44.256757 - 44.256756 is a hair over 1e-6 in binary floating point; it still matches.
    problem = package(
        make_package,
        "#sum\n",
        {
            "close.py": {"verdict": "WA", "score": 50.000001},
            "far.py": {"verdict": "WA", "score": 50.00001},
        },
        {"close.py": "#print 5\n", "far.py": "#print 5\n"},
    )
    assert validate_problem(problem, ScriptedRunner()) == [
        "demo/expect/far.py: scored 50, expected 50.00001"
    ]


def test_the_reference_report_and_its_headroom_on_the_time_limit(make_package) -> None:
    class TimedRunner(ScriptedRunner):
        def __init__(self, first_ms: int) -> None:
            self.times = iter([first_ms])

        def run(self, request: RunRequest) -> RunResult:
            result = super().run(request)
            return result.model_copy(update={"time_ms": next(self.times, 40)})

    problem = package(make_package, "#sum\n", {}, {})
    limit = problem.spec.limits.time_ms
    seen: list = []
    assert validate_problem(problem, TimedRunner(limit // 2), seen.append) == []
    [reference] = seen
    assert reference.verdict.value == "AC"
    assert slowest_test(problem, reference) == (
        f"slowest test {limit // 2} of {limit} ms CPU (2.0x, under the 3x headroom)"
    )
    seen.clear()
    validate_problem(problem, TimedRunner(limit // 10), seen.append)
    assert slowest_test(problem, seen[0]) == f"slowest test {limit // 10} of {limit} ms CPU (10.0x)"
