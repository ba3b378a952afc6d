"""What the parent saw of a run, and the run status that follows from it."""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass

from judge import runtime
from judge.runner import RunResult, RunStatus
from judge.runner.missing_module import explain, missing_module
from judge.spec import Limits

STDERR_LINES = 20
MEMORY_ERRORS = ("MemoryError", "DefaultCPUAllocator: can't allocate memory")


@dataclass
class Observed:
    wait_status: int | None = None
    zygote_error: str | None = None
    setup: str = ""
    killed_for: RunStatus | None = None
    stdout: bytes = b""
    stderr_tail: str = ""
    stderr_bytes: int = 0
    stderr_flood: bool = False
    wall_ms: int = 0
    cpu_ns: int = 0
    memory_bytes: int = 0
    oom_killed: bool = False


def _tail(text: str) -> str:
    lines = text.rstrip().splitlines()[-STDERR_LINES:]
    return "\n".join(line[:300] for line in lines)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def classify(seen: Observed, limits: Limits) -> RunResult:
    time_ms = seen.cpu_ns // 1_000_000

    def result(
        status: RunStatus, message: str, *, exit_code: int | None = None, signal: int | None = None
    ) -> RunResult:
        return RunResult(
            status=status,
            message=message,
            exit_code=exit_code,
            signal=signal,
            stdout=seen.stdout[: limits.output_kb * 1024],
            stderr_tail=_tail(seen.stderr_tail),
            time_ms=time_ms,
            wall_ms=seen.wall_ms,
            memory_kb=seen.memory_bytes // 1024,
        )

    if seen.killed_for is RunStatus.OLE:
        if seen.stderr_flood:
            return result(
                RunStatus.OLE, f"error output (stderr) exceeded {seen.stderr_bytes >> 20} MB"
            )
        return result(RunStatus.OLE, f"output exceeded {limits.output_kb} KB")
    if seen.zygote_error or (seen.setup != "ok" and seen.killed_for is None):
        return result(
            RunStatus.IE, seen.zygote_error or seen.setup or "the sandbox did not start the test"
        )
    if time_ms > limits.time_ms:
        return result(
            RunStatus.TLE, f"CPU time {time_ms} ms exceeded the limit of {limits.time_ms} ms"
        )
    if seen.killed_for is RunStatus.TLE:
        return result(
            RunStatus.TLE,
            f"wall-clock time exceeded {limits.wall_limit_ms} ms (sleeping or blocked?)",
        )
    status = seen.wait_status
    exit_code = os.waitstatus_to_exitcode(status) if status is not None else None
    memory_error = any(marker in seen.stderr_tail for marker in MEMORY_ERRORS)
    if seen.oom_killed or (exit_code != 0 and memory_error):
        return result(RunStatus.MLE, f"memory limit of {limits.memory_mb} MB exceeded")
    if exit_code is None:
        return result(RunStatus.IE, "the test's process ended without an exit status")
    if exit_code < 0:
        name = _signal_name(-exit_code)
        return result(RunStatus.RE, f"killed by {name}", signal=-exit_code)
    if exit_code != 0:
        message = f"exit code {exit_code}"
        module = missing_module(seen.stderr_tail)
        if module is not None:
            message += ": " + explain(module, runtime.importable())
        return result(RunStatus.RE, message, exit_code=exit_code)
    return result(RunStatus.OK, "", exit_code=0)
