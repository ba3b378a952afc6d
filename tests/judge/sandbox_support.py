"""Helpers shared by the tests that run submissions in the real sandbox."""

from __future__ import annotations

import os
import textwrap
import threading
from pathlib import Path

import pytest

from judge.runner import RunRequest
from judge.runtime import PRELOAD
from judge.spec import Limits

# Under emulation (the guest of `make test-cgroup2`) the CPU is 10-50x slower, so growing 128 MB
# takes more than a second of CPU and an MLE test would end in TLE: there the guest scales every
# CPU-time limit of these tests by MLJUDGE_TEST_CPU_SCALE, so each still tests what it says.
CPU_SCALE = int(os.environ.get("MLJUDGE_TEST_CPU_SCALE", "1"))
LIMITS = Limits(time_ms=1000 * CPU_SCALE, memory_mb=128, output_kb=64)


def run(
    runner,
    source: str,
    stdin: bytes = b"",
    limits: Limits = LIMITS,
    files_dir=None,
    preload: tuple[str, ...] = PRELOAD,
):
    request = RunRequest(
        source=textwrap.dedent(source),
        stdin=stdin,
        limits=limits,
        files_dir=files_dir,
        preload=preload,
    )
    return runner.run(request)


def run_together(runner, *sources: str, limits: Limits = LIMITS) -> list:
    """Run the sources as concurrent tests (one thread each); results in the same order."""
    results: list = [None] * len(sources)

    def one(index: int) -> None:
        results[index] = run(runner, sources[index], limits=limits)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(sources))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def sandbox_processes(uids: range) -> list[int]:
    """Host pids owned by the runner's sandbox uids."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    found.append(int(entry.name))
            except FileNotFoundError:
                continue
    return found


def waiting_processes(runner) -> set[int]:
    """Host pids of the children the runner keeps waiting, confined, for the next tests."""
    return {pid for child in runner.waiting() for pid in child.group.pids()}


@pytest.fixture(autouse=True)
def nothing_survives(runner):
    """Imported by each sandbox test module: no process of the runner's uids outlives a test,
    but for the children waiting for the next tests (each in a group of its own, unused), once
    the runner's background work (forking those, discarding others) is done."""
    yield
    runner.settle()
    survivors = set(sandbox_processes(runner.uids)) - waiting_processes(runner)
    assert survivors == set(), "a sandboxed process outlived its test"
