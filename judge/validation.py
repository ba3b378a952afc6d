"""Whether a package is fit to go live: the one check behind `mljudge problems check` and the
administrators' upload, so a package passes both or neither."""

from __future__ import annotations

from judge.pipeline import judge_report
from judge.problemset import Problem
from judge.runner import Runner
from judge.statement_lint import lint_statements
from judge.verdict import JudgeReport, Verdict

# Points: the judge rounds scores to 6 decimals, so two honest results never differ by more.
SCORE_TOLERANCE = 1e-6


def _differ(a: float, b: float) -> bool:
    # Rounded first: 44.256757 - 44.256756 is 1.0000000031e-06 in binary floating point.
    return round(abs(a - b), 9) > SCORE_TOLERANCE


def _first_line(text: str) -> str:
    return text.splitlines()[0] if text else ""


def _reference_failure(problem: Problem, report: JudgeReport) -> str | None:
    full = report.score >= report.max_score or not _differ(report.score, report.max_score)
    if report.verdict is Verdict.AC and full:
        return None
    bad = [
        f"{c.name}: {c.verdict.value} {_first_line(c.message)}".strip()
        for c in report.tests
        if c.verdict is not Verdict.AC or c.score < 1.0
    ]
    return (
        f"{problem.id}/solution.py: got {report.verdict.value} "
        f"{report.score:.10g}/{report.max_score:.10g}, not AC at full points ({'; '.join(bad)})"
    )


def validate_problem(problem: Problem, runner: Runner) -> list[str]:
    """Lint the statements, judge the reference solution (it must get AC at full points) and
    every `expect/` file (it must get its verdict and, when given, its score within
    SCORE_TOLERANCE points).

    Returns one line per failure, each naming the file; an empty list means the package is fit.
    """
    failures = lint_statements(problem)
    reference = judge_report(problem, problem.solution_path.read_text(encoding="utf-8"), runner)
    failure = _reference_failure(problem, reference)
    if failure:
        failures.append(failure)
    for name, expected in problem.spec.expect.items():
        where = f"{problem.id}/expect/{name}"
        report = judge_report(
            problem, problem.expect_path(name).read_text(encoding="utf-8"), runner
        )
        if report.verdict is not expected.verdict:
            failures.append(
                f"{where}: got {report.verdict.value}, expected {expected.verdict.value}"
            )
        elif expected.score is not None and _differ(report.score, expected.score):
            failures.append(f"{where}: scored {report.score:.10g}, expected {expected.score:.10g}")
    return failures
