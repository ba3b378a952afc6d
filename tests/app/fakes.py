"""Stand-ins for the parts of the judge the service layer does not own.

FakeRunner decides by a directive on the first line of the source (`#fake WORD [ARG]`, e.g.
`#fake ECHO`, or `#fake ONLY 3 5`: echo only these inputs, wrong elsewhere), so tests are
deterministic and never execute submitted code in the test process.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from judge.runner import RunRequest, RunResult, RunStatus


class FakeRunner:
    def __init__(self) -> None:
        self.runs = 0
        self._lock = threading.Lock()

    def run(self, request: RunRequest) -> RunResult:
        with self._lock:
            self.runs += 1
        first = request.source.splitlines()[0] if request.source else ""
        word, _, arg = first.removeprefix("#fake ").partition(" ")
        if word == "ONLY" and request.stdin.strip().decode() in arg.split():
            word = "ECHO"  # right on the tests whose input is one of the listed words
        if word == "SLEEP":
            time.sleep(float(arg))
            word = "ECHO"
        if word == "ECHO":
            return RunResult(
                status=RunStatus.OK, stdout=request.stdin, time_ms=12, wall_ms=15, memory_kb=2048
            )
        if word == "TLE":
            return RunResult(
                status=RunStatus.TLE, time_ms=request.limits.time_ms, message="time limit exceeded"
            )
        if word == "RE":
            return RunResult(
                status=RunStatus.RE,
                exit_code=1,
                message="exit code 1",
                stderr_tail="ZeroDivisionError: division by zero",
            )
        if word == "CRASH":
            raise RuntimeError("the runner broke")
        if word == "NOSANDBOX":
            return RunResult(status=RunStatus.IE, message="the sandbox did not start the test")
        return RunResult(
            status=RunStatus.OK, stdout=b"wrong\n", time_ms=10, wall_ms=11, memory_kb=1024
        )

    def close(self) -> None:
        pass


def start_fake_runner() -> FakeRunner:
    """Runner factory for subprocesses: MLJUDGE_RUNNER=tests.app.fakes:start_fake_runner."""
    return FakeRunner()


class RecordingDispatcher:
    """Remembers enqueued ids; tests then judge them synchronously in their own transaction.
    The ids not judged yet are the messages waiting in its queue."""

    def __init__(self) -> None:
        self.enqueued: list[int] = []

    def enqueue(self, submission_id: int) -> None:
        self.enqueued.append(submission_id)

    def waiting(self) -> int | None:
        return len(self.enqueued)

    def check(self) -> str | None:
        return None

    def judges(self) -> int | None:
        return 1

    def close(self) -> None:
        pass


def write_problem(
    root: Path,
    problem_id: str,
    *,
    title: str = "Echo",
    section: int = 3,
    points: float = 100,
    tests: dict[str, str] | None = None,
    samples: tuple[str, ...] = ("1",),
    solution: str = "#fake ECHO\n",
    japanese: bool = True,
    extra_yaml: str = "",
) -> Path:
    """A package whose answer is its input: `#fake ECHO` solves it, anything else is wrong."""
    folder = root / problem_id
    (folder / "tests").mkdir(parents=True, exist_ok=True)
    sample_list = "".join(f"  - '{s}'\n" for s in samples)
    (folder / "problem.yaml").write_text(
        f"id: {problem_id}\ntitle: {title}\n"
        + (f"title_ja: {title}（日本語）\n" if japanese else "")
        + f"section: {section}\npoints: {points}\nchecker:\n  type: tokens\n"
        + (f"samples:\n{sample_list}" if samples else "")
        + extra_yaml
    )
    (folder / "statement.md").write_text(
        f"# {title}\n\nPrint the input.\n\n## Input\nA line.\n\n## Output\nThe line.\n\n"
        "## Judging\nExact.\n"
    )
    if japanese:
        (folder / "statement.ja.md").write_text(
            f"# {title}\n\n入力をそのまま出力せよ。\n\n## 入力\n1 行。\n\n## 出力\nその行。\n\n"
            "## 採点\n完全一致。\n"
        )
    (folder / "solution.py").write_text(solution)
    for name, value in (tests or {"1": "3", "2": "5", "3": "8"}).items():
        (folder / "tests" / f"{name}.in").write_text(value + "\n")
        (folder / "tests" / f"{name}.ans").write_text(value + "\n")
    return folder
