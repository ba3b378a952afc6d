"""Judging one submission: problem spec → runner (sandbox) → checker → verdict."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from judge.checkers import Check, CheckerError, open_checker
from judge.problemset import Problem, TestCase
from judge.runner import Runner, RunRequest, RunResult, RunStatus, parallel_tests
from judge.scoring import score_report
from judge.verdict import CaseResult, JudgeReport, Verdict


def decode_output(stdout: bytes) -> str | None:
    try:
        return stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _run_message(result: RunResult) -> str:
    if result.status is RunStatus.RE and result.stderr_tail:
        return f"{result.message}\n{result.stderr_tail}".strip()
    return result.message


def case_result(
    test: TestCase, result: RunResult, verdict: Verdict, score: float, message: str
) -> CaseResult:
    return CaseResult(
        name=test.name,
        verdict=verdict,
        score=score,
        message=message,
        sample=test.sample,
        time_ms=result.time_ms,
        wall_ms=result.wall_ms,
        memory_kb=result.memory_kb,
    )


def failed_run(test: TestCase, result: RunResult) -> CaseResult:
    """A run that did not end cleanly (TLE, MLE, RE, OLE, IE): the checker is never asked."""
    return case_result(test, result, Verdict(result.status.value), 0.0, _run_message(result))


def judge_case(test: TestCase, result: RunResult, check: Check) -> CaseResult:
    """Turn what the runner saw into a verdict, asking the checker only about clean runs."""
    if result.status is not RunStatus.OK:
        return failed_run(test, result)
    output = decode_output(result.stdout)
    if output is None:
        message = "your output is not UTF-8 text; print numbers and words, not raw bytes"
        return case_result(test, result, Verdict.WA, 0.0, message)
    try:
        checked = check(test.read_input().decode("utf-8", "replace"), output, test.read_answer())
    except CheckerError as exc:
        return case_result(test, result, Verdict.IE, 0.0, str(exc))
    verdict = Verdict.AC if checked.passed and checked.score >= 1.0 else Verdict.WA
    return case_result(test, result, verdict, checked.score, checked.message)


def run_in_order(runner: Runner, requests: Iterable[RunRequest], count: int) -> Iterator[RunResult]:
    """Each of the `count` requests' results, in their order, with up to the runner's
    `parallel_tests` running at once (one per core it owns): the next tests start while a
    result is checked."""
    parallel = min(parallel_tests(runner), count)
    if parallel <= 1:
        yield from map(runner.run, requests)
        return
    with ThreadPoolExecutor(parallel, thread_name_prefix="judge-test") as pool:
        running: deque[Future[RunResult]] = deque()
        try:
            for request in requests:
                running.append(pool.submit(runner.run, request))
                if len(running) >= parallel:
                    yield running.popleft().result()
            while running:
                yield running.popleft().result()
        finally:
            for future in running:  # the caller stopped early: tests not started never run
                future.cancel()


def judge(problem: Problem, source: str, runner: Runner) -> Iterator[CaseResult]:
    """Run every test in order and yield each result as soon as it is known (for live progress).

    Every test runs even after a failure: partial credit and group scores need them all.
    """
    if problem.spec.mode == "function":
        from judge import functions

        yield from functions.judge(problem, source, runner)
        return
    requests = (
        RunRequest(
            source=source,
            stdin=test.read_input(),
            files_dir=problem.files_dir,
            limits=problem.spec.limits,
            preload=problem.preload,
        )
        for test in problem.tests
    )
    with open_checker(problem) as check:
        results = run_in_order(runner, requests, len(problem.tests))
        for test, result in zip(problem.tests, results, strict=True):
            # Checked here, one at a time in order: a checker need not be thread-safe.
            yield judge_case(test, result, check)


def judge_report(
    problem: Problem,
    source: str,
    runner: Runner,
    on_case: Callable[[CaseResult], None] | None = None,
) -> JudgeReport:
    cases = []
    for case in judge(problem, source, runner):
        cases.append(case)
        if on_case:
            on_case(case)
    return score_report(problem, cases)
