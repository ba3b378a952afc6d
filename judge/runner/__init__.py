"""Runners execute one test of a submission and report what happened, not whether it was right."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel

from judge.runtime import PRELOAD
from judge.spec import Limits


class RunStatus(StrEnum):
    OK = "OK"  # exited 0 within every limit; the checker decides the rest
    TLE = "TLE"
    MLE = "MLE"
    RE = "RE"
    OLE = "OLE"
    IE = "IE"


class RunRequest(BaseModel):
    source: str
    stdin: bytes = b""
    files_dir: Path | None = None
    limits: Limits = Limits()
    mode: Literal["stdout", "function"] = "stdout"  # function: stdin holds a judge/wire container
    preload: tuple[str, ...] = PRELOAD  # what the zygote forking the test preloads (runtime.py)


class RunResult(BaseModel):
    status: RunStatus
    stdout: bytes = b""
    stderr_tail: str = ""
    exit_code: int | None = None
    signal: int | None = None
    time_ms: int = 0
    wall_ms: int = 0
    memory_kb: int = 0
    message: str = ""


class Runner(Protocol):
    def run(self, request: RunRequest) -> RunResult: ...


def parallel_tests(runner: Runner) -> int:
    """How many tests of one submission the runner may run at once (a runner says so with a
    `parallel_tests` attribute; one otherwise)."""
    return max(1, int(getattr(runner, "parallel_tests", 1)))
