"""`mljudge judge` and `mljudge problems check|new`: the judge core from the command line.

The service's own commands (serve, worker, ...) are added by app/cli.py through `register`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from judge.problem_yaml import ProblemError
from judge.problemset import Problem, load_all, load_problem, package_folders
from judge.scaffold import ScaffoldError, scaffold
from judge.sections import load_schedule
from judge.verdict import CaseResult, JudgeReport

if TYPE_CHECKING:
    from judge.runner import Runner
    from judge.runner.sandbox import SandboxRunner

DEFAULT_PROBLEMS = Path("problems")
PROBLEMS_ENV = "MLJUDGE_PROBLEMS_DIR"


class CliError(Exception):
    """Printed as one line on stderr; exit code 2."""


def problems_folder(flag: Path | None) -> tuple[Path, str]:
    """The packages folder (absolute) and where that choice came from: `--problems` wins over
    MLJUDGE_PROBLEMS_DIR, which wins over ./problems (the service reads the same variable)."""
    if flag is not None:
        return flag.absolute(), "--problems"
    if os.environ.get(PROBLEMS_ENV):
        return Path(os.environ[PROBLEMS_ENV]).absolute(), PROBLEMS_ENV
    return DEFAULT_PROBLEMS.absolute(), "the default ./problems"


def _problem(args: argparse.Namespace, problem_id: str) -> Problem:
    root, source = problems_folder(args.problems)
    folder = root / problem_id
    if not (folder / "problem.yaml").is_file():
        known = ", ".join(sorted(p.parent.name for p in root.glob("*/problem.yaml"))) or "none"
        raise CliError(
            f"{folder}: no such problem (looked in {root}, from {source}; known: {known})"
        )
    return load_problem(folder)


def _read_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise CliError(f"{path}: {exc.strerror}") from None


def _start_runner() -> SandboxRunner:
    from judge.runner.sandbox import IsolationUnavailable, SandboxRunner

    try:
        return SandboxRunner.start()
    except IsolationUnavailable as exc:
        raise CliError(f"cannot judge here: {exc}") from None


def _case_line(index: int, total: int, case: CaseResult) -> str:
    sample = " (sample)" if case.sample else ""
    return (
        f"  test {index}/{total} {case.name}{sample}: {case.verdict.value:<3} "
        f"score {case.score:.3f}  {case.time_ms} ms cpu, {case.wall_ms} ms wall, {case.memory_kb} KB"
    )


def _print_table(report: JudgeReport) -> None:
    print(
        f"\n{'test':<16} {'verdict':<8} {'score':>6} {'cpu ms':>7} {'wall ms':>8} {'mem KB':>8}  message"
    )
    for case in report.tests:
        first_line = case.message.splitlines()[0] if case.message else ""
        print(
            f"{case.name:<16} {case.verdict.value:<8} {case.score:>6.3f} {case.time_ms:>7} "
            f"{case.wall_ms:>8} {case.memory_kb:>8}  {first_line[:80]}"
        )
    if report.groups:
        _print_groups(report)
    print(
        f"\n{report.problem}: {report.verdict.value}, {report.score:g} / {report.max_score:g} points"
    )


def _print_groups(report: JudgeReport) -> None:
    print(f"\n{'group':<16} {'rule':<15} {'verdict':<8} {'score':>15}  tests")
    for group in report.groups:
        name = f"{group.name} (private)" if group.private else group.name
        points = f"{group.score:g} / {group.points:g}"
        print(
            f"{name:<16} {group.rule:<15} {group.verdict.value:<8} {points:>15}  "
            + " ".join(group.tests)
        )


def judge_file(problem: Problem, source: str, runner: Runner, progress: bool) -> JudgeReport:
    from judge.pipeline import judge_report

    total = len(problem.tests)
    counter = iter(range(1, total + 1))

    def show(case: CaseResult) -> None:
        print(_case_line(next(counter), total, case), flush=True)

    return judge_report(problem, source, runner, on_case=show if progress else None)


def cmd_judge(args: argparse.Namespace) -> int:
    problem = _problem(args, args.problem_id)
    source = _read_source(args.file)
    with _start_runner() as runner:
        if not args.json:
            print(f"judging {args.file} on {problem.id} ({len(problem.tests)} tests)")
        report = judge_file(problem, source, runner, progress=not args.json)
    if args.json:
        print(
            json.dumps(report.model_dump(mode="json", exclude={"tests": {"__all__": {"sample"}}}))
        )
    else:
        _print_table(report)
    return 0


def cmd_problems_check(args: argparse.Namespace) -> int:
    """Each package through judge.validation.check_package, the upload's check too."""
    from judge.validation import check_package, slowest_test

    if args.ids:
        # Named packages must load: one that does not is an error (exit 2), as for `judge`.
        folders = [_problem(args, problem_id).root for problem_id in args.ids]
    else:
        root, source = problems_folder(args.problems)
        load_schedule(root)  # the whole set includes its sections.yaml
        folders = package_folders(root)
        if not folders:
            raise CliError(
                f"{root}: no problem packages (folders with a problem.yaml; from {source})"
            )
    failed = 0
    with _start_runner() as runner:
        # A package that does not load is one failure among the others, not the end of the check.
        for folder in folders:
            check = check_package(folder, runner)
            for warning in check.warnings:
                print(f"warning: {warning}")
            if not check.fit:
                failed += 1
                print(f"FAIL {folder.name}" + (" (does not load)" if check.load_error else ""))
                for failure in check.failures:
                    print(f"  - {failure}")
            elif check.problem is not None and check.reference is not None:
                problem, checked = check.problem, 1 + len(check.problem.spec.expect)
                print(
                    f"ok   {problem.id} ({len(problem.tests)} tests, {checked} submissions judged; "
                    f"reference: {slowest_test(problem, check.reference)})"
                )
    print(f"{len(folders) - failed} of {len(folders)} problems passed")
    return 1 if failed else 0


def problem_row(problem: Problem) -> dict[str, object]:
    """One problem as the catalogue shows it (`mljudge problems list`)."""
    spec = problem.spec
    checker = spec.checker.type if spec.mode == "stdout" else "compare"
    scoring: str = spec.scoring
    if spec.groups:
        scoring += (
            " ("
            + ", ".join(
                f"{g.name} {g.points:g}{' private' if g.private else ''}" for g in spec.groups
            )
            + ")"
        )
    samples = sum(1 for test in problem.tests if test.sample)
    return {
        "id": problem.id,
        "section": spec.section,
        "points": spec.points,
        "mode": spec.mode + (", requires autograd" if spec.requires else ""),
        "checker": checker,
        "scoring": scoring,
        "tests": f"{samples}/{len(problem.tests) - samples}",
        "expect": len(spec.expect),
        "time_ms": spec.limits.time_ms,
        "title_ja": spec.title_ja or spec.title,
    }


def cmd_problems_list(args: argparse.Namespace) -> int:
    root, _source = problems_folder(args.problems)
    problems = sorted(load_all(root), key=lambda p: (p.spec.section, p.id))
    rows = [problem_row(problem) for problem in problems]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    header = [
        "id",
        "section",
        "points",
        "mode",
        "checker",
        "scoring",
        "tests",
        "expect",
        "time_ms",
        "title_ja",
    ]
    print("| " + " | ".join(header[:-1]) + " | title |")
    print("|" + " --- |" * len(header))
    for row in rows:
        print("| " + " | ".join(str(row[key]) for key in header) + " |")
    sections = sorted({str(row["section"]) for row in rows})
    counts = ", ".join(
        f"{section}: {sum(1 for row in rows if row['section'] == section)}" for section in sections
    )
    print(f"\n{len(rows)} problems in {root} (per section {counts}); tests: samples/hidden")
    return 0


def cmd_problems_new(args: argparse.Namespace) -> int:
    folder = scaffold(problems_folder(args.problems)[0], args.problem_id, args.mode)
    tests = "make_tests.py (then run it)" if args.mode == "function" else "tests/"
    print(f"created {folder}: edit problem.yaml, the statements, {tests} and solution.py, then run")
    print(f"  mljudge problems check {args.problem_id}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """Add `judge` and `problems`; returns the actions of `problems`, for the service's own."""
    problems_option = argparse.ArgumentParser(add_help=False)
    problems_option.add_argument(
        "--problems",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"folder of problem packages (default: ${PROBLEMS_ENV}, else ./problems)",
    )
    judge = subparsers.add_parser("judge", parents=[problems_option], help="judge a file locally")
    judge.add_argument("problem_id")
    judge.add_argument("file", type=Path)
    judge.add_argument("--json", action="store_true", help="print one JSON object")
    judge.set_defaults(handler=cmd_judge)

    problems = subparsers.add_parser("problems", help="list, validate or scaffold problem packages")
    actions = problems.add_subparsers(dest="action", required=True)
    check = actions.add_parser(
        "check", parents=[problems_option], help="validate and judge references"
    )
    check.add_argument("ids", nargs="*", metavar="ID")
    check.set_defaults(handler=cmd_problems_check)
    listing = actions.add_parser(
        "list", parents=[problems_option], help="the catalogue: one row per package"
    )
    listing.add_argument("--json", action="store_true", help="one JSON array")
    listing.set_defaults(handler=cmd_problems_list)
    new = actions.add_parser("new", parents=[problems_option], help="scaffold a package")
    new.add_argument("problem_id", metavar="ID")
    new.add_argument(
        "--mode",
        choices=("stdout", "function"),
        default="stdout",
        help="stdout: the program prints its answer; function: it defines a function the judge calls",
    )
    new.set_defaults(handler=cmd_problems_new)
    return actions


def run(parser: argparse.ArgumentParser, argv: list[str] | None = None) -> int:
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (CliError, ProblemError, ScaffoldError) as exc:
        print_error(exc)
        return 2


def print_error(exc: Exception) -> None:
    """One line per error on stderr (a ProblemError may carry several, each naming its file)."""
    lines = exc.lines if isinstance(exc, ProblemError) else [str(exc)]
    for line in lines:
        print(f"mljudge: {line}", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mljudge", description="mljudge: judge ML exercises")
    register(parser.add_subparsers(dest="command", required=True))
    return parser


def main(argv: list[str] | None = None) -> int:
    return run(build_parser(), argv)


if __name__ == "__main__":
    sys.exit(main())
