"""Children confined ahead of their test: what they hold while they wait, and when they go away."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from judge.runner import RunRequest, RunStatus, sandbox
from judge.runner.sandbox import SandboxRunner
from judge.runner.spares import Child
from judge.runtime import PRELOAD
from tests.judge.sandbox_support import LIMITS, nothing_survives, run  # noqa: F401

WAIT_S = 20


def confined_waiting(runner: SandboxRunner) -> list[tuple[Child, int]]:
    """The waiting children of LIMITS' key with their host pid, once each has confined itself
    (its seccomp filter loaded, the last layer of isolate.confine)."""
    assert run(runner, "print(1)").status is RunStatus.OK  # children of this key wait after it
    runner.settle()
    deadline = time.monotonic() + WAIT_S
    while True:
        found = []
        for child in runner.waiting():
            pids = child.group.pids()
            if len(pids) == 1 and status_of(pids[0]).get("Seccomp") == "2":
                found.append((child, pids[0]))
        if found and len(found) == len(runner.waiting()):
            return found
        assert time.monotonic() < deadline, "no waiting child confined itself"
        time.sleep(0.01)


def status_of(pid: int) -> dict[str, str]:
    """/proc/PID/status as a dict; empty once the process is gone (reaped)."""
    fields: dict[str, str] = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return fields
    for line in text.splitlines():
        name, _, value = line.partition(":")
        fields[name] = value.strip()
    return fields


def test_a_waiting_child_is_confined_before_it_gets_the_source(runner):
    for child, pid in confined_waiting(runner):
        status = status_of(pid)
        assert status["Uid"].split() == [str(child.uid)] * 4
        assert status["Gid"].split() == [str(child.uid)] * 4
        assert status["CapEff"] == "0000000000000000"
        assert status["NoNewPrivs"] == "1"
        for ns in ("mnt", "net", "ipc", "uts", "pid"):
            assert os.readlink(f"/proc/{pid}/ns/{ns}") != os.readlink(f"/proc/self/ns/{ns}"), ns
        # Nothing of a test yet: standard input is still the zygote's /dev/null, and besides
        # its output pipes, the setup pipe and the hand-over socket it holds nothing.
        fds = {int(fd): os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
        assert sorted(fds) == [0, 1, 2, 4, 5], fds
        assert fds[0] == "/dev/null"
        assert not any("memfd:" in target for target in fds.values()), fds
        assert fds[5].startswith("socket:")


def test_memory_charged_to_a_waiting_child_is_small(runner):
    for child, _pid in confined_waiting(runner):
        memory = child.group.dirs["memory"]
        usage = memory / ("memory.current" if child.group.v2 else "memory.usage_in_bytes")
        charged = int(usage.read_text())
        # The bench's figure for a test's own memory was 2.4 MiB; a child that only waits
        # (root, tmpfs, its share of the copy-on-write runtime) must stay below it.
        assert charged <= int(2.4 * (1 << 20)), f"{charged / (1 << 20):.1f} MiB charged"


def test_a_waiting_child_killed_is_replaced_by_a_fresh_one(runner):
    waiting = confined_waiting(runner)
    for _child, pid in waiting:
        os.kill(pid, signal.SIGKILL)
    for _child, _pid in waiting:
        result = run(runner, "print(6 * 7)")
        assert result.status is RunStatus.OK, result
        assert result.stdout == b"42\n"


def test_waiting_children_that_die_at_their_hand_over_cost_no_test(runner, monkeypatch):
    # Regression (seen on a loaded CI): after a waiting child turned out gone at its hand-over,
    # each further attempt took another waiting child; all killed at once, and slow to exit on
    # a loaded machine, every one failed and the test ended in IE. Here each dies just then.
    waiting = confined_waiting(runner)
    assert len(waiting) >= sandbox.ATTEMPTS
    doomed = {id(child): pid for child, pid in waiting}
    hand_over = runner._hand_over

    def dying_at_hand_over(child, request, source):
        if id(child) in doomed:
            os.kill(doomed[id(child)], signal.SIGKILL)
        return hand_over(child, request, source)

    monkeypatch.setattr(runner, "_hand_over", dying_at_hand_over)
    result = run(runner, "print(6 * 7)")
    assert (result.status, result.stdout) == (RunStatus.OK, b"42\n"), result


def test_children_of_a_dead_zygote_are_not_used(runner):
    waiting = confined_waiting(runner)
    runner._zygotes[PRELOAD].process.kill()
    runner._zygotes[PRELOAD].process.wait()
    for _child, pid in waiting:  # their parent-death signal ends them
        deadline = time.monotonic() + WAIT_S
        while status_of(pid).get("State", "Z")[:1] != "Z":
            assert time.monotonic() < deadline, "a waiting child outlived its zygote"
            time.sleep(0.01)
    result = run(runner, "print('after the restart')")
    assert result.status is RunStatus.OK, result
    assert result.stdout == b"after the restart\n"
    assert confined_waiting(runner), "no child waits after the restart"


def test_each_test_gets_a_child_of_its_own_never_reused(runner):
    source = "import os\nprint(os.getuid(), open('/proc/self/stat').read().split()[21])"
    seen = [run(runner, source).stdout for _ in range(6)]
    assert len(set(seen)) == 6, seen  # uid and start time: six distinct processes


def test_a_child_waits_only_for_a_test_of_its_own_limits(runner, tmp_path):
    confined_waiting(runner)
    files = tmp_path / "files"
    files.mkdir()
    (files / "data.txt").write_text("bound\n")
    bigger = LIMITS.model_copy(update={"memory_mb": 192})
    source = "import resource\nprint(open('data.txt').read().strip(), resource.getrlimit(resource.RLIMIT_FSIZE)[0] >> 20)"
    result = run(runner, source, limits=bigger, files_dir=files)
    assert result.status is RunStatus.OK, result
    assert result.stdout == b"bound 192\n"
    # The children waiting for LIMITS' key were not handed this test: theirs has no /files.
    plain = run(runner, "import os\nprint(os.path.exists('/files'))")
    assert plain.stdout == b"False\n", plain


def test_no_child_waits_once_the_runner_is_closed():
    runner = SandboxRunner.start(max_concurrency=2)
    try:
        assert runner.run(RunRequest(source="print(1)")).status is RunStatus.OK
        runner.settle()
        pids = [pid for child in runner.waiting() for pid in child.group.pids()]
    finally:
        runner.close()
    assert runner.waiting() == []
    for pid in pids:
        assert status_of(pid).get("State", "Z").startswith("Z"), f"{pid} outlived its runner"


@pytest.mark.parametrize("spares", [0])
def test_a_runner_without_spares_forks_a_child_per_test(spares):
    with SandboxRunner(max_concurrency=2, spares=spares) as runner:
        for _ in range(2):
            assert runner.run(RunRequest(source="print(1)")).stdout == b"1\n"
        runner.settle()
        assert runner.waiting() == []


def test_tests_of_one_submission_run_at_once_and_report_in_order(runner, tmp_path):
    from judge.pipeline import judge_report
    from judge.problemset import load_problem

    folder = tmp_path / "slow-first"
    (folder / "tests").mkdir(parents=True)
    (folder / "problem.yaml").write_text("id: slow-first\ntitle: Slow first\nsection: 1\n")
    (folder / "statement.md").write_text("Echo after a pause.\n")
    solution = "import time\nx = input()\ntime.sleep(float(x))\nprint(x)\n"
    (folder / "solution.py").write_text(solution)
    pauses = ["1.5", "1.5", "0.0"]
    for index, pause in enumerate(pauses):
        (folder / "tests" / f"{index}.in").write_text(pause + "\n")
        (folder / "tests" / f"{index}.ans").write_text(pause + "\n")
    assert runner.parallel_tests >= 1
    started = time.monotonic()
    report = judge_report(load_problem(folder), solution, runner)
    elapsed = time.monotonic() - started
    assert [case.name for case in report.tests] == [str(i) for i in range(len(pauses))]
    assert report.verdict.value == "AC", report
    if runner.parallel_tests >= 2:  # one after the other, they would sleep 3 s at least
        assert elapsed < 3.0, f"{elapsed:.2f} s: the tests did not overlap"
