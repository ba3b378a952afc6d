"""The runner around the sandbox: restarts, concurrency, refusal on a machine that cannot isolate."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from judge.runner import RunRequest, RunStatus, isolation_check
from judge.runner.isolation_check import IsolationUnavailable, check_isolation
from judge.runner.sandbox import SandboxRunner
from judge.runtime import PRELOAD


def test_judge_core_imports_without_web_database_or_queue():
    code = (
        "import sys, judge.pipeline, judge.cli, judge.runner.sandbox, judge.problemset\n"
        "bad = [m for m in ('fastapi', 'sqlalchemy', 'celery', 'app') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_dead_zygote_is_restarted(runner):
    runner._zygotes[PRELOAD].process.kill()
    runner._zygotes[PRELOAD].process.wait()
    result = runner.run(RunRequest(source="print(2 + 2)"))
    assert result.status is RunStatus.OK
    assert result.stdout == b"4\n"


def test_tests_run_concurrently_and_each_gets_its_own_output(runner):
    results = {}

    def one(i: int) -> None:
        source = f"import time, torch\ntime.sleep(0.3)\nprint({i}, torch.tensor({i}.0).item())"
        results[i] = runner.run(RunRequest(source=source))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i, result in results.items():
        assert result.status is RunStatus.OK, result
        assert result.stdout == f"{i} {float(i)}\n".encode()


def test_closing_removes_every_cgroup():
    runner = SandboxRunner.start(max_concurrency=1)
    name = runner._cgroups.name
    assert runner.run(RunRequest(source="print(1)")).status is RunStatus.OK
    runner.close()
    assert not list(Path("/sys/fs/cgroup").glob(f"**/{name}"))


def test_missing_landlock_is_refused_with_one_line(monkeypatch):
    monkeypatch.setattr(isolation_check.landlock, "abi_version", lambda: 0)
    with pytest.raises(IsolationUnavailable, match=r"^Landlock is not enabled") as error:
        check_isolation()
    assert "\n" not in str(error.value)


def test_missing_privileges_are_refused_with_one_line(monkeypatch):
    monkeypatch.setattr(isolation_check, "_effective_capabilities", lambda: 0)
    with pytest.raises(IsolationUnavailable, match="CAP_SYS_ADMIN"):
        check_isolation()


def test_groups_left_by_a_dead_runner_are_removed_at_start():
    from judge.runner.cgroups import CgroupParent

    probe = CgroupParent("mljudge-probe-for-orphans")
    dead_pid = 4_194_305  # above any pid_max: no such process
    # One hierarchy per controller on cgroup v1, one for all on v2.
    orphans = {parent.parent / f"mljudge-{dead_pid}-deadbeef" for parent in probe.parents.values()}
    probe.remove()
    for orphan in orphans:
        (orphan / "t7").mkdir(parents=True)
    CgroupParent(f"mljudge-{os.getpid()}-fresh").remove()
    assert not any(orphan.exists() for orphan in orphans)


@pytest.mark.parametrize(
    ("point", "root", "own", "expected"),
    [
        # the host's own mount: the whole hierarchy
        ("/sys/fs/cgroup/memory", "/", "/user.slice/a", "/sys/fs/cgroup/memory/user.slice/a"),
        # a container without a cgroup namespace: only its own group, mounted at the point
        ("/sys/fs/cgroup/memory", "/docker/abc", "/docker/abc", "/sys/fs/cgroup/memory"),
        # ... and a group below it
        ("/sys/fs/cgroup/pids", "/docker/abc", "/docker/abc/x", "/sys/fs/cgroup/pids/x"),
        # a container with its own cgroup namespace (cgroup v2 hosts)
        ("/sys/fs/cgroup", "/", "/", "/sys/fs/cgroup"),
        # a mount that does not show the group: not used
        ("/sys/fs/cgroup/memory", "/docker/abc", "/docker/other", None),
        ("/sys/fs/cgroup/memory", "/docker/abc", "/docker/abcd", None),
    ],
)
def test_the_worker_group_is_found_under_the_mount_that_shows_it(point, root, own, expected):
    from judge.runner.cgroups import _under

    found = _under(point, root, own)
    assert (str(found) if found is not None else None) == expected
