"""Whether a package is fit to go live: the one check behind `mljudge problems check` and the
administrators' upload (`check_package`), so both refuse, and warn of, exactly the same things."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from judge.pipeline import judge_report
from judge.problem_yaml import ProblemError
from judge.problemset import Problem, load_problem, missing_statements
from judge.runner import Runner
from judge.statement_lint import lint_statements
from judge.verdict import JudgeReport, Verdict

# What a package may hold, as a folder or as an uploaded zip (which is checked against these
# before it is unpacked too): files and folders only, and not too many or too much of them.
MAX_FILES = 2000
MAX_PACKAGE_BYTES = 200 * 1024 * 1024

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


def validate_problem(
    problem: Problem,
    runner: Runner,
    on_reference: Callable[[JudgeReport], None] | None = None,
) -> list[str]:
    """Lint the statements, judge the reference solution (it must get AC at full points) and
    every `expect/` file (it must get its verdict and, when given, its score within
    SCORE_TOLERANCE points).

    Returns one line per failure, each naming the file; an empty list means the package is fit.
    `on_reference` sees the reference's report (the CLI prints its headroom on the limits).
    """
    failures = lint_statements(problem)
    reference = judge_report(problem, problem.solution_path.read_text(encoding="utf-8"), runner)
    if on_reference is not None:
        on_reference(reference)
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


# The lecture's rule for limits: a correct solution in the lecture's style meets them 3x over.
HEADROOM = 3.0


def _headroom(problem: Problem, reference: JudgeReport) -> tuple[int, int, float]:
    slowest = max((case.time_ms for case in reference.tests), default=0)
    limit = problem.spec.limits.time_ms
    return slowest, limit, limit / max(slowest, 1)


def slowest_test(problem: Problem, reference: JudgeReport) -> str:
    """The reference's slowest test against the time limit, e.g. "slowest test 120 of 2000 ms CPU
    (16.7x)", with a warning mark when under HEADROOM."""
    slowest, limit, ratio = _headroom(problem, reference)
    mark = "" if ratio >= HEADROOM else f", under the {HEADROOM:g}x headroom"
    return f"slowest test {slowest} of {limit} ms CPU ({ratio:.1f}x{mark})"


@dataclass
class PackageCheck:
    """What `check_package` found. `failures` refuse the package, `warnings` do not; both are
    one line each, naming the file. `problem` is None when the package does not load
    (`load_error` then says why); `reference` is the reference solution's report once judged."""

    folder: Path
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problem: Problem | None = None
    reference: JudgeReport | None = None
    load_error: ProblemError | None = None

    @property
    def fit(self) -> bool:
        return self.problem is not None and not self.failures


def _tree_failures(folder: Path) -> list[str]:
    """Links, devices and the like, and the limits on files and bytes: a zip can bring none of
    these past the upload, so a folder cannot bring them past `problems check` either."""
    failures: list[str] = []
    files, size = 0, 0
    for parent, dirs, names in os.walk(folder):
        for name in sorted(dirs + names):
            path = Path(parent) / name
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                failures.append(f"{path}: a link; a package holds only files and folders")
            elif stat.S_ISREG(mode):
                files, size = files + 1, size + os.lstat(path).st_size
            elif not stat.S_ISDIR(mode):
                failures.append(f"{path}: not a regular file or a folder")
    if files > MAX_FILES:
        failures.append(f"{folder}: {files} files; at most {MAX_FILES} per package")
    if size > MAX_PACKAGE_BYTES:
        failures.append(
            f"{folder}: {size / 2**20:.1f} MiB; at most {MAX_PACKAGE_BYTES >> 20} MiB per package"
        )
    return failures


def _warnings(problem: Problem, reference: JudgeReport | None) -> list[str]:
    warnings = missing_statements(problem)
    if reference is not None:
        slowest, limit, ratio = _headroom(problem, reference)
        if ratio < HEADROOM:
            warnings.append(
                f"{problem.root / 'problem.yaml'}: limits.time_ms: the reference solution's "
                f"slowest test takes {slowest} of {limit} ms CPU ({ratio:.1f}x), under the "
                f"{HEADROOM:g}x headroom a correct solution in the lecture's style needs"
            )
    return warnings


def check_package(folder: Path, runner: Runner) -> PackageCheck:
    """The whole check of one package folder: what it holds, whether it loads, its statements,
    its reference solution and its `expect/` files (validate_problem), and what to warn of."""
    check = PackageCheck(folder, failures=_tree_failures(folder))
    if check.failures:
        return check
    try:
        check.problem = load_problem(folder)
    except ProblemError as exc:
        check.load_error, check.failures = exc, list(exc.lines)
        return check
    references: list[JudgeReport] = []
    check.failures = validate_problem(check.problem, runner, references.append)
    check.reference = references[0] if references else None
    check.warnings = _warnings(check.problem, check.reference)
    return check
