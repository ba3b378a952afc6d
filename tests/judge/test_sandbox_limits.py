"""Red-team submissions against the real sandbox: limits, verdicts, state left behind.

Each asserts the safe outcome.

Complements test_sandbox_hostile.py; every test here is an attack that was tried by hand first.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from judge.runner import RunRequest, RunStatus
from judge.spec import Limits
from tests.judge.sandbox_support import CPU_SCALE, LIMITS, nothing_survives, run  # noqa: F401


def shmem_mb() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("Shmem:"):
            return int(line.split()[1]) // 1024
    raise AssertionError("no Shmem in /proc/meminfo")


# --- limits ---------------------------------------------------------------------------------------


def test_threads_are_processes_for_the_limit(runner):
    result = run(
        runner,
        """
        import threading
        never = threading.Event()  # every thread stays alive until the count is printed
        started = 0
        try:
            for _ in range(200):
                threading.Thread(target=never.wait, daemon=True).start()
                started += 1
        except RuntimeError:
            pass
        print(started)
    """,
    )
    assert result.status is RunStatus.OK, result
    assert 0 < int(result.stdout) <= LIMITS.processes - 1  # the main thread is one of them


def test_fork_churn_with_exits_is_bounded_by_cpu(runner):
    result = run(
        runner,
        """
        import os
        while True:
            try:
                pid = os.fork()
            except OSError:
                continue
            if pid == 0:
                os._exit(0)
            # never reap: zombies pile up until the pids limit
    """,
    )
    assert result.status is RunStatus.TLE, result


def test_closing_stdout_and_burning_cpu_is_tle(runner):
    result = run(runner, "import os\nos.close(1)\nos.close(2)\nwhile True: pass\n")
    assert result.status is RunStatus.TLE, result
    assert result.wall_ms < LIMITS.wall_limit_ms


def test_ignoring_signals_and_alarm_does_not_outlast_the_wall_clock(runner):
    result = run(
        runner,
        """
        import os, signal, time
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM, signal.SIGXCPU):
            signal.signal(sig, signal.SIG_IGN)
        signal.alarm(1)
        if os.fork() == 0:
            os.kill(os.getpid(), signal.SIGSTOP)
        time.sleep(100)
    """,
    )
    assert result.status is RunStatus.TLE, result
    assert result.wall_ms < LIMITS.wall_limit_ms + 1000


def test_sparse_huge_mapping_page_tables_count_as_memory(runner):
    result = run(
        runner,
        """
        import mmap
        area = mmap.mmap(-1, 1 << 44, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | 0x4000)  # NORESERVE
        for offset in range(0, 1 << 44, 1 << 21):
            area[offset]  # one zero page per 2 MiB: almost no data, a page table each
        print('done')
    """,
    )
    assert result.status is RunStatus.MLE, result
    assert result.memory_kb <= LIMITS.memory_mb * 1024


def test_memfds_and_shared_memory_count_as_memory(runner):
    result = run(
        runner,
        """
        import os
        chunk = b'z' * (1 << 20)
        fds = [os.memfd_create(f'm{i}') for i in range(4)]
        for fd in fds:
            for _ in range(60):
                os.write(fd, chunk)
        with open('/dev/shm/x', 'wb') as handle:
            for _ in range(100):
                handle.write(chunk)
        print('held')
    """,
    )
    assert result.status is RunStatus.MLE, result


def test_unix_socket_buffers_count_as_memory(runner):
    # Queued but unread data on hundreds of socket pairs is kernel memory; it must be charged.
    result = run(
        runner,
        """
        import socket
        keep, queued = [], 0
        try:
            while True:
                a, b = socket.socketpair()
                a.setblocking(False)
                keep.append((a, b))
                try:
                    while True:
                        queued += a.send(b'x' * 65536)
                except BlockingIOError:
                    pass
        except OSError:
            pass
        print(queued)
    """,
        limits=Limits(time_ms=2000 * CPU_SCALE, memory_mb=32),
    )
    if result.status is RunStatus.OK:
        assert int(result.stdout) < 32 << 20, result
    else:
        assert result.status is RunStatus.MLE, result


def test_output_exactly_at_the_limit_is_ok_and_one_more_byte_is_ole(runner):
    cap = LIMITS.output_kb * 1024
    exact = run(runner, f"import sys; sys.stdout.write('x' * {cap})")
    over = run(runner, f"import sys; sys.stdout.write('x' * {cap + 1})")
    assert exact.status is RunStatus.OK and len(exact.stdout) == cap, exact.message
    assert over.status is RunStatus.OLE and len(over.stdout) == cap, over.message


# --- verdicts -------------------------------------------------------------------------------------


def test_a_fake_memory_error_cannot_turn_into_ok(runner):
    # Printing a MemoryError traceback turns RE into MLE (both failures; harmless), never into OK.
    result = run(runner, "import sys\nprint('MemoryError', file=sys.stderr)\nsys.exit(3)\n")
    assert result.status in (RunStatus.RE, RunStatus.MLE), result
    zero = run(runner, "import sys\nprint('MemoryError', file=sys.stderr)\n")
    assert zero.status is RunStatus.OK, zero


def test_a_source_with_lone_surrogates_is_a_verdict_not_a_judge_crash(runner):
    fds_before = len(os.listdir("/proc/self/fd"))
    # A str from json.loads (or a surrogateescape'd upload) can hold lone surrogates; not UTF-8.
    for _ in range(3):
        in_code = runner.run(RunRequest(source="print('\udc80')\n", limits=LIMITS))
        assert in_code.status is RunStatus.RE and "SyntaxError" in in_code.stderr_tail, in_code
        in_comment = runner.run(RunRequest(source="print(1)  # \udc80\n", limits=LIMITS))
        assert in_comment.status in (RunStatus.OK, RunStatus.RE), in_comment
    assert len(os.listdir("/proc/self/fd")) <= fds_before, "descriptors leaked in the judge"
    runner.settle()
    waiting = {path for child in runner.waiting() for path in child.group.dirs.values()}
    groups = [
        p
        for parent in runner._cgroups.parents.values()
        for p in parent.iterdir()
        if p.is_dir() and p not in waiting
    ]
    assert groups == [], "a test's cgroup was left behind"
    assert run(runner, "print(1)").stdout == b"1\n"


# --- state that outlives a test -------------------------------------------------------------------

# A unix socket that holds descriptors in flight, itself included, is garbage the kernel only
# collects when some unix socket on the machine is next closed. Until then whatever it holds lives
# on after the test: memfds and the test's tmpfs (memory charged to a removed cgroup), and the
# count of descriptors in flight of the test's uid, which the next test with that uid inherits.

CYCLE = """
    import array, os, socket
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    held = [a.fileno(), b.fileno()]
    if {megabytes}:
        fd = os.memfd_create('held')
        for _ in range({megabytes}):
            os.write(fd, b'y' * (1 << 20))
        held.append(fd)
    a.sendmsg([b'x'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', held))])
    sent = len(held)
    try:
        while True:
            b.sendmsg([b'x'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [a.fileno()] * 250))])
            sent += 250
    except OSError:
        pass
    print(sent)
"""

SEND_ONE_DESCRIPTOR = """
    import array, os, socket
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    r, w = os.pipe()
    try:
        b.sendmsg([b'x'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [r]))])
        print('sent')
    except OSError as exc:
        print('refused', exc.errno)
"""


def test_descriptors_left_in_flight_do_not_burden_the_next_test_of_the_uid(runner):
    for _ in runner.uids:  # every uid of the runner once (they are handed out in turn)
        poison = run(runner, CYCLE.format(megabytes=0))
        assert int(poison.stdout) > 512, poison
    victim = run(runner, SEND_ONE_DESCRIPTOR)
    assert victim.stdout == b"sent\n", victim


def test_memory_held_by_descriptors_in_flight_is_freed_with_the_test(runner):
    before = shmem_mb()
    result = run(
        runner, CYCLE.format(megabytes=100), limits=Limits(time_ms=2000 * CPU_SCALE, memory_mb=256)
    )
    assert result.status is RunStatus.OK, result
    # The kernel's collector runs asynchronously (a workqueue the judge triggers after each test):
    # usually within ~20 ms, slower on a busy machine; what matters is that it is not kept.
    deadline = time.monotonic() + 5
    while shmem_mb() > before + 50 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert shmem_mb() < before + 50, "a memfd of the finished test is still held"


def test_after_all_that_a_correct_submission_still_passes(runner):
    result = run(runner, "import torch; print(torch.tensor([1.0, 2.0]).sum().item())")
    assert result.status is RunStatus.OK, result
    assert result.stdout == b"3.0\n"
