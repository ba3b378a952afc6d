"""A problem's own checker.py, run in a separate process through open_checker."""

from __future__ import annotations

import logging
import os
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from judge.checkers import CheckerError, open_checker
from judge.pipeline import judge_report
from judge.problemset import load_problem
from judge.runner import RunRequest, RunResult, RunStatus
from judge.verdict import CheckResult, Verdict

TIME_LIMIT_MS = 1000

# Scores the fraction of answer lines the output reproduces; a few magic outputs misbehave.
CHECKER = """
import os, sys, time

def check(input, output, answer, files):
    command = output.strip()
    if command == "raise":
        raise ValueError("cannot parse " + output)
    if command == "hang":
        time.sleep(60)
    if command == "exit":
        sys.exit(0)
    if command == "die":
        os._exit(3)
    if command == "where":
        return 1.0, f"cwd={os.getcwd()} files={files} input={input!r} pid={os.getpid()}"
    expected = answer.split()
    got = output.split()
    right = sum(a == b for a, b in zip(expected, got))
    return right / len(expected), f"{right} of {len(expected)} right"
"""


@pytest.fixture
def custom_check(make_package) -> Callable[..., Iterator[Callable[[str, str, str], CheckResult]]]:
    """`with custom_check(source) as check:` for a checker.py with `source`."""

    @contextmanager
    def open_custom(source: str, time_limit_ms: int = TIME_LIMIT_MS):
        checker = {"type": "custom", "time_limit_ms": time_limit_ms}
        root = make_package(checker_source=textwrap.dedent(source), checker=checker)
        with open_checker(load_problem(root)) as check:
            yield check

    return open_custom


def test_partial_scores_and_messages(custom_check) -> None:
    with custom_check(CHECKER) as check:
        assert check("", "a b", "a b") == CheckResult(passed=True, score=1, message="2 of 2 right")
        half = CheckResult(passed=False, score=0.5, message="1 of 2 right")
        assert check("", "a x", "a b") == half
        assert check("", "x y", "a b") == CheckResult(passed=False, score=0, message="0 of 2 right")


def test_checker_sees_input_files_and_runs_in_the_problem_folder(custom_check) -> None:
    with custom_check(CHECKER) as check:
        message = check("2 3\n", "where", "5").message
    root = Path(message.split()[0].removeprefix("cwd="))
    assert root.name == "demo"
    assert f"files={root / 'files'}" in message
    assert "input='2 3\\n'" in message


def test_one_process_serves_every_call(custom_check) -> None:
    with custom_check(CHECKER) as check:
        pids = {check("", "where", "x").message.rsplit("pid=", 1)[1] for _ in range(3)}
    assert len(pids) == 1


def test_process_ends_with_the_block(custom_check) -> None:
    with custom_check(CHECKER) as check:
        pid = int(check("", "where", "x").message.rsplit("pid=", 1)[1])
        os.kill(pid, 0)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_raising_checker_is_an_error_and_the_process_carries_on(custom_check, caplog) -> None:
    with custom_check(CHECKER) as check:
        pid = check("", "where", "x").message.rsplit("pid=", 1)[1]
        with (
            caplog.at_level(logging.WARNING, logger="judge.checkers"),
            pytest.raises(CheckerError, match=r"^check\(\) raised ValueError: cannot parse"),
        ):
            check("", "raise", "x")
        assert check("", "where", "x").message.rsplit("pid=", 1)[1] == pid
    assert "problem demo" in caplog.text
    assert "Traceback" in caplog.text  # the traceback is for the log, not the message


def test_sys_exit_in_check_is_an_error_not_the_end_of_the_host(custom_check) -> None:
    with custom_check(CHECKER) as check:
        with pytest.raises(CheckerError, match=r"check\(\) raised SystemExit"):
            check("", "exit", "x")
        assert check("", "a", "a").passed


def test_hanging_checker_times_out_and_the_next_call_works(custom_check, caplog) -> None:
    with custom_check(CHECKER, time_limit_ms=300) as check:
        check("", "a", "a")  # start the process, so only the hanging call is timed
        started = time.monotonic()
        with (
            caplog.at_level(logging.WARNING, logger="judge.checkers"),
            pytest.raises(CheckerError, match=r"^checker timed out after 300 ms$"),
        ):
            check("", "hang", "x")
        assert time.monotonic() - started < 2.0
        assert check("", "a", "a").passed
    assert "timed out" in caplog.text


def test_dying_checker_is_an_error_and_the_next_call_restarts_it(custom_check) -> None:
    with custom_check(CHECKER) as check:
        with pytest.raises(CheckerError, match=r"^checker process exited with code 3$"):
            check("", "die", "x")
        assert check("", "a", "a").passed


@pytest.mark.parametrize(
    ("returned", "reason"),
    [
        ("1.5, 'too good'", r"check\(\) returned score 1.5, not in \[0, 1\]"),
        ("-0.1, 'too bad'", r"check\(\) returned score -0.1, not in \[0, 1\]"),
        ("float('nan'), 'what'", r"check\(\) returned score nan, not in \[0, 1\]"),
        ("float('inf'), 'what'", r"check\(\) returned score inf, not in \[0, 1\]"),
        ("'1.0'", r"check\(\) returned str '1.0', not a tuple \(score, message\)"),
        ("'1.0', 'ok'", r"check\(\) returned score str '1.0', not a float in \[0, 1\]"),
        ("None", r"check\(\) returned NoneType None, not a tuple \(score, message\)"),
        ("1.0", r"check\(\) returned float 1.0, not a tuple \(score, message\)"),
        ("(1.0,)", r"check\(\) returned tuple \(1.0,\), not a tuple \(score, message\)"),
        ("[1.0, 'ok']", r"check\(\) returned list \[1.0, 'ok'\], not a tuple \(score, message\)"),
        ("True, 'ok'", r"check\(\) returned score bool True, not a float in \[0, 1\]"),
        ("1.0, None", r"check\(\) returned message NoneType None, not a str"),
    ],
)
def test_wrong_return_values_are_errors(custom_check, returned: str, reason: str) -> None:
    source = f"def check(input, output, answer, files):\n    return {returned}\n"
    with custom_check(source) as check, pytest.raises(CheckerError, match=f"^{reason}$"):
        check("", "1", "1")


@pytest.mark.parametrize(
    ("returned", "score"),
    [("1, 'int'", 1.0), ("0, 'int'", 0.0), ("__import__('numpy').float32(0.25), 'np'", 0.25)],
)
def test_any_real_number_in_range_is_a_score(custom_check, returned: str, score: float) -> None:
    source = f"def check(input, output, answer, files):\n    return {returned}\n"
    with custom_check(source) as check:
        assert check("", "1", "1").score == score


def test_printing_does_not_corrupt_the_protocol(custom_check) -> None:
    source = """
        import os, subprocess, sys
        print("at import")

        def check(input, output, answer, files):
            print("{\\"score\\": 0.0, \\"message\\": \\"forged\\"}")
            sys.stdout.write("junk without newline")
            sys.__stdout__.write("junk\\n")
            sys.__stdout__.flush()
            os.write(1, b"raw junk\\n")
            subprocess.run(["echo", "child junk"], check=True)
            print(sys.stdin.read(), end="")  # stdin is not the protocol either
            return 1.0, "clean"
    """
    with custom_check(source) as check:
        assert check("", "x", "x") == CheckResult(passed=True, score=1.0, message="clean")
        assert check("", "x", "x").message == "clean"


def test_long_message_is_truncated(custom_check) -> None:
    source = "def check(input, output, answer, files):\n    return 0.0, 'm' * 100_000\n"
    with custom_check(source) as check:
        assert len(check("", "x", "x").message) == 1000


def test_large_output_and_unicode_round_trip(custom_check) -> None:
    source = """
        def check(input, output, answer, files):
            return 1.0, f"{len(output)} {output[-3:]}"
    """
    output = "0.5 " * 2_000_000 + "λ✓\n"
    with custom_check(source) as check:
        assert check("", output, "x").message == f"{len(output)} λ✓\n"


def test_environment_is_limited(custom_check) -> None:
    source = """
        import os, sys
        def check(input, output, answer, files):
            return 1.0, " ".join(sorted(os.environ)) + " | " + str(sys.flags.isolated)
    """
    os.environ["MLJUDGE_SECRET_FOR_TEST"] = "x"
    try:
        with custom_check(source) as check:
            names, isolated = check("", "", "").message.split(" | ")
    finally:
        del os.environ["MLJUDGE_SECRET_FOR_TEST"]
    assert set(names.split()) <= {
        "PATH",
        "LANG",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "LC_CTYPE",
    }
    assert isolated == "1"


def test_checker_can_import_a_helper_beside_it(make_package) -> None:
    root = make_package(
        checker_source="from helper import SCORE\n\ndef check(i, o, a, f):\n    return SCORE, ''\n",
        checker={"type": "custom"},
    )
    (root / "helper.py").write_text("SCORE = 0.75\n")
    with open_checker(load_problem(root)) as check:
        assert check("", "", "").score == 0.75


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("def check(:\n", r"^cannot load checker.py: SyntaxError"),
        ("import no_such_module_here\n", r"^cannot load checker.py: ModuleNotFoundError"),
        ("raise SystemExit(2)\n", r"^cannot load checker.py: SystemExit: 2"),
        ("def chekc(i, o, a, f):\n    return 1.0, ''\n", r"defines no function check\("),
        ("check = 1.0\n", r"defines no function check\("),
    ],
)
def test_checker_that_cannot_load_fails_every_call(custom_check, source: str, reason: str) -> None:
    with custom_check(source) as check:
        for _ in range(2):
            with pytest.raises(CheckerError, match=reason):
                check("", "x", "x")


def test_start_up_failure_is_not_retried_on_every_test(custom_check, monkeypatch) -> None:
    monkeypatch.setattr("judge.checkers.custom.STARTUP_TIMEOUT_S", 0.5)
    with custom_check("import time\ntime.sleep(60)\n") as check:
        with pytest.raises(CheckerError, match=r"^checker did not start within 0\.5 s$"):
            check("", "x", "x")
        started = time.monotonic()
        with pytest.raises(CheckerError, match=r"^checker did not start within 0\.5 s$"):
            check("", "x", "x")
        assert time.monotonic() - started < 0.2


def test_wrong_signature_is_reported(custom_check) -> None:
    with (
        custom_check("def check(input, output, answer):\n    return 1.0, ''\n") as check,
        pytest.raises(CheckerError, match=r"check\(\) raised TypeError: .*positional arg"),
    ):
        check("", "x", "x")


def test_child_processes_are_killed_with_the_checker(custom_check) -> None:
    source = """
        import subprocess
        def check(input, output, answer, files):
            return 1.0, str(subprocess.Popen(["sleep", "60"]).pid)
    """
    with custom_check(source) as check:
        child = int(check("", "", "").message)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    pytest.fail(f"checker's child process {child} outlived the checker")


# --- through the pipeline -------------------------------------------------------------------------


class ScriptedRunner:
    """A runner that 'prints' a fixed output for each test, chosen by the test's input."""

    def __init__(self, outputs: dict[bytes, str]):
        self.outputs = outputs

    def run(self, request: RunRequest) -> RunResult:
        return RunResult(status=RunStatus.OK, stdout=self.outputs[request.stdin].encode())


def test_pipeline_turns_a_checker_error_into_ie(make_package) -> None:
    root = make_package(checker_source=textwrap.dedent(CHECKER), checker={"type": "custom"})
    # Test 1 has input "2 3\n" and answer "5"; test 2 has no input and answer "7".
    runner = ScriptedRunner({b"2 3\n": "raise\n", b"": "7\n"})
    report = judge_report(load_problem(root), "print('whatever')", runner)
    assert [case.verdict for case in report.tests] == [Verdict.IE, Verdict.AC]
    assert report.tests[0].message.startswith("check() raised ValueError: cannot parse raise")
    assert report.verdict is Verdict.IE
    assert report.score == 50.0
