"""The parent side of the sandbox: limits, timers, output caps, cleanup and the verdict of a run.

`SandboxRunner` owns one zygote (see zygote.py) and runs tests concurrently through it. Each test
gets its own cgroup and uid; its stdin and source go in as sealed memfds, its stdout and stderr
come back through pipes that this side caps; when the test ends every process in its cgroup is
killed. Answers and secrets never leave this process.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import logging
import os
import queue
import selectors
import socket
import subprocess
import sys
import threading
import time

from judge.runner import RunRequest, RunResult, RunStatus
from judge.runner.cgroups import CgroupParent, TestGroup
from judge.runner.isolation_check import IsolationUnavailable, check_isolation
from judge.runner.outcome import Observed, classify
from judge.spec import Limits

log = logging.getLogger("judge.sandbox")

# Tests run as uids from a block of this range, one block per runner (per worker process), so the
# host can tell runners' processes apart. Sharing a uid would not open a channel between tests
# (separate PID, mount, IPC and network namespaces), but separate blocks keep accounting clear.
UID_RANGE = (100_000, 1_000_000)
UID_POOL = 256
POLL_SECONDS = 0.02
STDERR_KEEP = 8192
STDERR_CAP = 8 << 20
REAP_SECONDS = 10.0
ZYGOTE_ENV_PASSTHROUGH = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
THREAD_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    # joblib (scikit-learn's n_jobs): run in the test's own process, as with n_jobs=None; else
    # n_jobs=-1 spawns worker interpreters that burn the test's CPU time and memory importing.
    "JOBLIB_MULTIPROCESSING": "0",
    "LOKY_MAX_CPU_COUNT": "1",
}

__all__ = ["IsolationUnavailable", "SandboxRunner"]


def _sealed_memfd(name: str, data: bytes) -> int:
    fd = os.memfd_create(name, os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    _write_all(fd, data)
    os.lseek(fd, 0, os.SEEK_SET)
    fcntl.fcntl(
        fd,
        fcntl.F_ADD_SEALS,
        fcntl.F_SEAL_WRITE | fcntl.F_SEAL_GROW | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_SEAL,
    )
    return fd


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _collect_unix_garbage() -> None:
    """Have the kernel collect unix sockets that only descriptors in flight keep alive.

    A test can leave such a cycle behind (a socket holding itself, memfds and files of its tmpfs
    in its queue): it outlives every process of the test, holding that memory and counting
    against the in-flight limit of the test's uid, until the kernel's collector runs, which it
    does (asynchronously) when some unix socket is next closed. Close one now.
    """
    try:
        ends = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    except OSError:
        return  # out of descriptors: the next close anywhere will do it
    for end in ends:
        end.close()


def zygote_env() -> dict[str, str]:
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", **THREAD_ENV}
    env.update({k: os.environ[k] for k in ZYGOTE_ENV_PASSTHROUGH if k in os.environ})
    return env


class Zygote:
    """The warm process and the socket to it; restarted by the runner when it dies."""

    def __init__(self, preload: tuple[str, ...] | None = None) -> None:
        """`preload` replaces judge/runtime.py's PRELOAD (for bench/judge_overhead.py only)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        command = [sys.executable, "-I", "-m", "judge.runner.zygote", str(theirs.fileno())]
        if preload is not None:
            command.append(",".join(preload))
        self.process = subprocess.Popen(
            command,
            env=zygote_env(),
            cwd="/",
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            pass_fds=[theirs.fileno()],
        )
        theirs.close()
        self.socket = ours
        ours.settimeout(120)
        try:
            hello = json.loads(ours.recv(4096) or b"{}")
        except (TimeoutError, json.JSONDecodeError) as exc:
            self.close()
            raise IsolationUnavailable(f"the sandbox zygote did not start: {exc!r}") from None
        if "ready" not in hello:
            self.close()
            raise IsolationUnavailable("the sandbox zygote exited while starting (see its stderr)")
        ours.settimeout(None)

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, request: dict, fds: list[int]) -> None:
        socket.send_fds(self.socket, [json.dumps(request).encode()], fds)

    def close(self) -> None:
        self.socket.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class SandboxRunner:
    """Runs tests in confined children of one warm zygote; `run` is safe from many threads."""

    def __init__(self, max_concurrency: int) -> None:
        self._cgroups = CgroupParent(f"mljudge-{os.getpid()}-{id(self):x}")
        # A FIFO pool much larger than the concurrency: a uid comes back only after many other
        # tests, so the kernel's per-uid accounting of one test never burdens the next.
        pool = max(UID_POOL, max_concurrency)
        blocks = (UID_RANGE[1] - UID_RANGE[0]) // pool
        self.uid_base = UID_RANGE[0] + (os.getpid() % blocks) * pool
        self.uids = range(self.uid_base, self.uid_base + pool)
        self._uids: queue.Queue[int] = queue.Queue()
        for uid in self.uids:
            self._uids.put(uid)
        self._sequence = itertools.count()
        self._lock = threading.Lock()
        self._zygote = Zygote()

    @classmethod
    def start(cls, max_concurrency: int | None = None) -> SandboxRunner:
        """Refuses with IsolationUnavailable (one line saying what is missing) on a bare machine."""
        check_isolation()
        return cls(max_concurrency or max(os.cpu_count() or 1, 1) * 2)

    def close(self) -> None:
        with self._lock:
            self._zygote.close()
        self._cgroups.remove()

    def __enter__(self) -> SandboxRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, request: dict, fds: list[int]) -> None:
        with self._lock:
            for attempt in (1, 2):
                if not self._zygote.alive():
                    log.warning(
                        "sandbox zygote died (exit %s); restarting it",
                        self._zygote.process.returncode,
                    )
                    self._zygote.close()
                    self._zygote = Zygote()
                try:
                    self._zygote.send(request, fds)
                    return
                except OSError:
                    if attempt == 2:
                        raise

    def run(self, request: RunRequest) -> RunResult:
        uid = self._uids.get()
        try:
            return self._run(request, uid)
        finally:
            self._uids.put(uid)

    def _run(self, request: RunRequest, uid: int) -> RunResult:
        limits = request.limits
        memory_bytes = limits.memory_mb << 20
        # A lone surrogate cannot be UTF-8: passed through as bytes, it is the student's SyntaxError.
        source = request.source.encode("utf-8", "surrogatepass")
        theirs: list[int] = []
        pipes: dict[str, tuple[int, int]] = {}
        try:
            theirs += [_sealed_memfd("stdin", request.stdin), _sealed_memfd("source", source)]
            for name in ("stdout", "stderr", "status", "setup"):
                pipes[name] = os.pipe()
            theirs += [pipes[name][1] for name in ("stdout", "stderr", "status", "setup")]
            group = self._cgroups.create(f"t{next(self._sequence)}", memory_bytes, limits.processes)
        except BaseException:
            for fd in {*theirs, *(fd for pair in pipes.values() for fd in pair)}:
                os.close(fd)
            raise
        message = {
            "mode": request.mode,
            "env": {
                "PATH": "/usr/bin:/bin",
                "HOME": "/tmp",
                "TMPDIR": "/tmp",
                "LANG": "C.UTF-8",
                **THREAD_ENV,
            },
            "setup": {
                "uid": uid,
                "cgroup_procs": group.join_paths,
                "memory_bytes": memory_bytes,
                "time_ms": limits.time_ms,
                "files_dir": str(request.files_dir) if request.files_dir else None,
            },
        }
        reads = {name: read_end for name, (read_end, _write_end) in pipes.items()}
        try:
            try:
                self._send(message, theirs)
            finally:
                for fd in theirs:
                    os.close(fd)
            # Started once the zygote has the request: a zygote restart is not the test's time.
            started = time.monotonic()
            observed = self._watch(group, reads, limits, started)
        except OSError as exc:
            return RunResult(status=RunStatus.IE, message=f"the sandbox failed: {exc}")
        finally:
            for fd in reads.values():
                os.close(fd)
            group.kill_all()
            _collect_unix_garbage()
            observed_stats = (group.cpu_ns(), group.memory_peak(), group.oom_killed())
            group.remove()
        observed.cpu_ns, observed.memory_bytes, observed.oom_killed = observed_stats
        return classify(observed, limits)

    def _watch(
        self, group: TestGroup, reads: dict[str, int], limits: Limits, started: float
    ) -> Observed:
        # Closed explicitly: a selector is a reference cycle, so its epoll descriptor would
        # otherwise stay open until the garbage collector happens to run.
        with selectors.DefaultSelector() as selector:
            return self._watch_with(selector, group, reads, limits, started)

    def _watch_with(
        self,
        selector: selectors.BaseSelector,
        group: TestGroup,
        reads: dict[str, int],
        limits: Limits,
        started: float,
    ) -> Observed:
        seen = Observed()
        buffers = {name: bytearray() for name in reads}
        for name, fd in reads.items():
            selector.register(fd, selectors.EVENT_READ, name)
        open_streams = set(reads)
        wall_limit = limits.wall_limit_ms / 1000
        cpu_limit_ns = limits.time_ms * 1_000_000
        output_cap = limits.output_kb * 1024
        reap_deadline = None
        while open_streams:
            for key, _ in selector.select(POLL_SECONDS):
                name = key.data
                chunk = os.read(key.fd, 1 << 16)
                if not chunk:
                    selector.unregister(key.fd)
                    open_streams.discard(name)
                    continue
                buffers[name] += chunk
                if name == "stderr" and len(buffers[name]) > STDERR_KEEP:
                    seen.stderr_bytes += len(buffers[name]) - STDERR_KEEP
                    del buffers[name][:-STDERR_KEEP]
                elif name == "stdout" and len(buffers[name]) > output_cap + 1:
                    del buffers[name][output_cap + 1 :]
            if reap_deadline is not None:
                if time.monotonic() > reap_deadline:
                    log.error("test processes were not reaped %.0f s after the kill", REAP_SECONDS)
                    break
                continue
            elapsed = time.monotonic() - started
            if len(buffers["stdout"]) > output_cap:
                seen.killed_for = RunStatus.OLE
            elif seen.stderr_bytes > STDERR_CAP:
                seen.killed_for, seen.stderr_flood = RunStatus.OLE, True
            elif elapsed > wall_limit or group.cpu_ns() > cpu_limit_ns:
                seen.killed_for = RunStatus.TLE
            if seen.killed_for is not None:
                seen.wall_ms = int(elapsed * 1000)
                group.kill_all()
                # Keep draining until the zygote reports the reaped test: only then is every
                # process of the namespace gone.
                reap_deadline = time.monotonic() + REAP_SECONDS
        if not seen.wall_ms:
            seen.wall_ms = int((time.monotonic() - started) * 1000)
        status = json.loads(bytes(buffers["status"]) or b"{}")
        seen.wait_status = status.get("wait_status")
        seen.zygote_error = status.get("error")
        seen.setup = bytes(buffers["setup"]).decode("utf-8", "replace")
        seen.stdout = bytes(buffers["stdout"][: output_cap + 1])
        seen.stderr_tail = bytes(buffers["stderr"]).decode("utf-8", "replace")
        return seen
