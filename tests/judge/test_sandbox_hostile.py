"""Hostile submissions against the real sandbox: each gets its verdict and nothing leaks or survives."""

from __future__ import annotations

import hashlib
import os
import socket
import sys
from pathlib import Path

import pytest

from judge.runner import RunStatus
from judge.spec import Limits
from tests.judge.sandbox_support import CPU_SCALE, LIMITS, nothing_survives, run  # noqa: F401

SECRET = "mljudge-secret-7f3a9c1e"
ANSWER = "answer-only-the-judge-knows-4242"
POSTGRES_SOCKET = "/var/run/postgresql/.s.PGSQL.5432"


def test_correct_submission_is_ok(runner):
    result = run(
        runner,
        """
        import torch
        x = torch.tensor(3.0, requires_grad=True)
        (x**2 + 2*x + 1).backward()
        print(x.grad.item())
    """,
    )
    assert result.status is RunStatus.OK, result
    assert result.stdout == b"8.0\n"
    assert result.time_ms > 0 and result.wall_ms > 0 and result.memory_kb > 0


def test_environment_is_empty_and_other_processes_are_invisible(runner, monkeypatch):
    monkeypatch.setenv("MLJUDGE_SECRET_KEY", SECRET)
    result = run(
        runner,
        """
        import os
        print(sorted(os.environ))
        print(sorted(p for p in os.listdir('/proc') if p.isdigit()))
        for pid in os.listdir('/proc'):
            if pid.isdigit():
                try:
                    print(open(f'/proc/{pid}/environ', 'rb').read())
                except OSError as exc:
                    print('no', pid, exc.errno)
    """,
    )
    assert result.status is RunStatus.OK, result
    out = result.stdout.decode()
    assert SECRET not in out and "MLJUDGE" not in out
    env_names, pids = out.splitlines()[:2]
    assert env_names == str(
        sorted(
            [
                "PATH",
                "HOME",
                "TMPDIR",
                "LANG",
                "OMP_NUM_THREADS",
                "OPENBLAS_NUM_THREADS",
                "MKL_NUM_THREADS",
                "JOBLIB_MULTIPROCESSING",
                "LOKY_MAX_CPU_COUNT",
            ]
        )
    )
    assert pids == "['1']", "the test saw processes other than its own"


def test_inherited_memory_holds_no_secret_of_the_judge(runner, monkeypatch):
    # The judge process holds a secret and an answer; the zygote the child comes from must not.
    # The scan knows each needle by its first half and a hash, so the scanner never holds it whole.
    monkeypatch.setenv("MLJUDGE_SECRET_KEY", SECRET)
    held = [SECRET * 3, ANSWER * 3]
    needles = [
        (n[: len(n) // 2].encode(), len(n), hashlib.sha256(n.encode()).hexdigest())
        for n in (SECRET, ANSWER)
    ]
    result = run(
        runner,
        f"""
        import hashlib
        found, regions = 0, 0
        mem = open('/proc/self/mem', 'rb', 0)
        for line in open('/proc/self/maps'):
            span, perms = line.split()[:2]
            if 'r' not in perms:
                continue
            start, end = (int(x, 16) for x in span.split('-'))
            for offset in range(start, end, 1 << 20):
                try:
                    mem.seek(offset)
                    chunk = mem.read(min(1 << 20, end - offset) + 64)
                except OSError:
                    break
                regions += 1
                for prefix, size, digest in {needles!r}:
                    at = chunk.find(prefix)
                    while at >= 0:
                        found += hashlib.sha256(chunk[at:at + size]).hexdigest() == digest
                        at = chunk.find(prefix, at + 1)
        print(regions, found)
    """,
        limits=Limits(time_ms=min(10_000 * CPU_SCALE, 60_000), memory_mb=256),
    )
    assert held  # keep the secrets alive in this process while the child scans
    assert result.status is RunStatus.OK, result
    regions, found = result.stdout.split()
    assert int(regions) > 100, "the scan did not read the inherited interpreter"
    assert found == b"0"


def test_answers_problems_and_repository_are_out_of_sight(runner):
    repo = Path(__file__).resolve().parents[2]
    answers = sorted(str(p) for p in repo.glob("problems/*/tests/*.ans"))
    assert answers, (
        "the shipped problems' answers must exist on the host for this test to mean anything"
    )
    result = run(
        runner,
        f"""
        import os
        for path in {answers[:3]!r}:
            print(os.path.exists(path))
        for path in [{str(repo)!r}, {str(repo / "problems")!r}, {str(repo / "judge")!r}, '/root', '/run', '/home']:
            try:
                print(bool(os.listdir(path)) and sorted(os.listdir(path)) != ['.venv'])
            except OSError:
                print(False)
    """,
    )
    assert result.status is RunStatus.OK, result
    assert set(result.stdout.decode().split()) == {"False"}, result.stdout


def test_a_file_left_behind_is_gone_for_the_next_submission(runner):
    first = run(
        runner,
        """
        open('/tmp/leftover', 'w').write('x')
        open('/dev/shm/leftover', 'w').write('x')
        print('wrote')
    """,
    )
    assert first.stdout == b"wrote\n"
    second = run(
        runner,
        """
        import os
        print(os.path.exists('/tmp/leftover'), os.path.exists('/dev/shm/leftover'), sorted(os.listdir('/tmp')))
    """,
    )
    # An interpreter installed under /tmp shows as its (read-only) mount point there, nothing else.
    interpreter_dirs = sorted(
        {Path(p).parts[2] for p in (sys.prefix, sys.base_prefix) if p.startswith("/tmp/")}
    )
    assert second.stdout == f"False False {interpreter_dirs}\n".encode()


@pytest.mark.parametrize(
    "target", ["/usr/lib/evil", "/etc/evil", "/evil", "/proc/sys/kernel/hostname"]
)
def test_writing_outside_the_scratch_directory_fails(runner, target):
    result = run(runner, f"open({target!r}, 'w').write('x')")
    assert result.status is RunStatus.RE
    assert "Error" in result.stderr_tail
    assert not os.path.exists(target) or target.startswith("/proc")


def _reachable(address) -> bool:
    family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
    with socket.socket(family) as probe:
        probe.settimeout(2)
        probe.connect(address)
    return True


@pytest.mark.parametrize("address", [("127.0.0.1", 5432), ("127.0.0.1", 6379), POSTGRES_SOCKET])
def test_databases_and_queues_are_unreachable(runner, address):
    assert _reachable(address), "the service must run on this machine for the test to mean anything"
    result = run(
        runner,
        f"""
        import socket
        address = {address!r}
        family = socket.AF_UNIX if isinstance(address, str) else socket.AF_INET
        try:
            s = socket.socket(family)
            s.settimeout(1)
            s.connect(address)
            print('connected')
        except OSError as exc:
            print('blocked', type(exc).__name__)
    """,
    )
    assert result.status is RunStatus.OK, result
    assert result.stdout.startswith(b"blocked")


def test_killing_everything_and_the_parent_harms_nobody(runner):
    result = run(
        runner,
        """
        import os, signal
        for target in (-1, os.getppid(), 1):
            try:
                os.kill(target, signal.SIGKILL)
            except OSError as exc:
                print(type(exc).__name__)
        print('still here')
    """,
    )
    assert result.stdout.endswith(b"still here\n")
    assert run(runner, "print(1)").status is RunStatus.OK


def test_fork_bomb_is_contained(runner):
    result = run(
        runner,
        """
        import os
        while True:
            try:
                os.fork()
            except OSError:
                pass
    """,
    )
    assert result.status is RunStatus.TLE


def test_busy_loop_is_a_cpu_time_limit(runner):
    result = run(runner, "while True: pass")
    assert result.status is RunStatus.TLE
    assert "CPU time" in result.message
    assert result.wall_ms < LIMITS.wall_limit_ms + 500


def test_sleeping_hits_the_wall_clock_limit(runner):
    result = run(runner, "import time; time.sleep(60)")
    assert result.status is RunStatus.TLE
    assert "wall-clock" in result.message


def test_growing_memory_is_mle(runner):
    result = run(
        runner,
        """
        blocks = []
        while True:
            blocks.append(bytearray(10**7))
    """,
    )
    assert result.status is RunStatus.MLE
    assert result.memory_kb <= LIMITS.memory_mb * 1024


@pytest.mark.parametrize("size", ["10**11", "10**9"])
def test_huge_torch_allocation_is_mle(runner, size):
    result = run(runner, f"import torch; x = torch.ones({size}); print(x.sum())")
    assert result.status is RunStatus.MLE, result


def test_memory_in_the_scratch_directory_counts(runner):
    result = run(
        runner,
        """
        with open('/tmp/big', 'wb') as f:
            for _ in range(40):
                f.write(b'x' * 10**7)
    """,
    )
    assert result.status in (RunStatus.MLE, RunStatus.RE), result
    assert result.status is not RunStatus.OK


def test_output_flood_is_ole(runner):
    result = run(runner, "import sys\nwhile True: sys.stdout.write('x' * 10000)")
    assert result.status is RunStatus.OLE
    assert len(result.stdout) <= LIMITS.output_kb * 1024


def test_orphans_and_daemons_die_with_the_test(runner):
    result = run(
        runner,
        """
        import os, time
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(1000)
            os._exit(0)
        print('parent done')
    """,
    )
    assert result.status is RunStatus.OK
    # the autouse fixture asserts no sandbox uid process is left on the host


def test_segfault_is_re_with_the_signal(runner):
    result = run(runner, "import ctypes; ctypes.string_at(0)")
    assert result.status is RunStatus.RE
    assert result.message == "killed by SIGSEGV"


def test_tracing_and_namespaces_are_refused(runner):
    result = run(
        runner,
        """
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        print(libc.ptrace(0, 0, 0, 0), libc.unshare(0x40000000), libc.mount(b'x', b'/tmp', b'tmpfs', 0, None))
        print(os.getuid() != 0, os.geteuid() != 0)
    """,
    )
    assert result.stdout == b"-1 -1 -1\nTrue True\n"


@pytest.mark.parametrize(
    "source,stdout",
    [
        ("print(float('nan'), float('inf'), -float('inf'))", b"nan inf -inf\n"),
        ("import sys; sys.stdout.buffer.write(bytes(range(256)))", bytes(range(256))),
    ],
)
def test_odd_output_is_passed_through_for_the_checker(runner, source, stdout):
    result = run(runner, source)
    assert result.status is RunStatus.OK
    assert result.stdout == stdout


def test_runtime_error_shows_the_students_traceback(runner):
    result = run(runner, "def f():\n    return 1 / 0\nf()\n")
    assert result.status is RunStatus.RE
    assert "ZeroDivisionError" in result.stderr_tail
    assert 'File "submission.py", line 2, in f' in result.stderr_tail
    assert "judge" not in result.stderr_tail


def test_stdin_and_read_only_files_reach_the_program(runner, tmp_path):
    # A folder of its own: tmp_path is private to root (0700), and the loader insists that a
    # package's files/ be readable by the sandbox's user.
    files = tmp_path / "files"
    files.mkdir()
    (files / "data.csv").write_text("1,2\n")
    result = run(
        runner,
        """
        import os, sys
        print(sys.stdin.read().strip(), open('data.csv').read().strip(), os.getcwd())
        try:
            open('data.csv', 'w')
        except OSError as exc:  # the bound files/ is a read-only mount
            print(exc.strerror)
    """,
        stdin=b"hello\n",
        files_dir=files,
    )
    assert result.stdout == b"hello 1,2 /tmp\nRead-only file system\n"


def test_torch_multiprocessing_and_threads_still_work(runner):
    result = run(
        runner,
        """
        import multiprocessing, torch
        torch.set_num_threads(2)
        print(torch.ones(300, 300).sum().item())
        with multiprocessing.Pool(2) as pool:
            print(pool.map(abs, [-1, -2]))
    """,
    )
    assert result.status is RunStatus.OK, result
    assert result.stdout == b"90000.0\n[1, 2]\n"


def test_after_all_that_a_correct_submission_still_passes(runner):
    result = run(runner, "import torch; print(torch.tensor([1.0, 2.0]).sum().item())")
    assert result.status is RunStatus.OK
    assert result.stdout == b"3.0\n"


def test_stderr_flood_is_ole(runner):
    result = run(runner, "import sys\nwhile True: sys.stderr.write('e' * 65536)")
    assert result.status is RunStatus.OLE
    assert "stderr" in result.message
