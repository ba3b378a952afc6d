"""The parent side of the sandbox: limits, timers, output caps, cleanup and the verdict of a run.

`SandboxRunner` owns one zygote (see zygote.py) and runs tests concurrently through it. Each test
gets its own cgroup and uid; its stdin and source go in as sealed memfds, its stdout and stderr
come back through pipes that this side caps; when the test ends every process in its cgroup is
killed. Answers and secrets never leave this process.
"""

from __future__ import annotations

import contextlib
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
from judge.runner.spares import Background, Child, Key, Spares
from judge.runtime import PRELOAD
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
ATTEMPTS = 3  # children tried for one test when those taken died before the hand-over
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

CHILD_ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": "/tmp",
    "TMPDIR": "/tmp",
    "LANG": "C.UTF-8",
    **THREAD_ENV,
}

__all__ = ["IsolationUnavailable", "SandboxRunner"]


def default_spares() -> int:
    """Children kept waiting: two per core this process may use, so that each of the tests run
    at once takes one forked a test earlier (confined by then); ~2.4 MiB each, charged to their
    own groups."""
    return 2 * len(os.sched_getaffinity(0))


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

    def __init__(self, preload: tuple[str, ...] = PRELOAD) -> None:
        """`preload`: the modules it imports and warms (judge/runtime.py)."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        command = [sys.executable, "-I", "-m", "judge.runner.zygote", str(theirs.fileno())]
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
    """Runs tests in confined children of one warm zygote; `run` is safe from many threads.

    A few children wait forked and confined ahead of their test (spares.py), so a test pays for
    handing over its code and reading its result, not for isolating a process.

    One zygote per preload list (RunRequest.preload): the runtime's PRELOAD from the start, one
    that adds pandas (runtime.ON_DEMAND) started when the first test asks for it.
    """

    def __init__(self, max_concurrency: int, spares: int | None = None) -> None:
        # Tests of one submission run at once on the cores this process may use (pipeline.py).
        self.parallel_tests = len(os.sched_getaffinity(0))
        self._cgroups = CgroupParent(f"mljudge-{os.getpid()}-{id(self):x}")
        # A FIFO pool much larger than the concurrency: a uid comes back only after many other
        # tests, so the kernel's per-uid accounting of one test never burdens the next.
        self.spares = Spares(default_spares() if spares is None else spares)
        pool = max(UID_POOL, max_concurrency + self.spares.capacity)
        blocks = (UID_RANGE[1] - UID_RANGE[0]) // pool
        self.uid_base = UID_RANGE[0] + (os.getpid() % blocks) * pool
        self.uids = range(self.uid_base, self.uid_base + pool)
        self._uids: queue.Queue[int] = queue.Queue()
        for uid in self.uids:
            self._uids.put(uid)
        self._sequence = itertools.count()
        self._lock = threading.Lock()  # guards the two dicts below, never held while starting
        self._zygote_locks: dict[tuple[str, ...], threading.Lock] = {}
        # Each start of a zygote gets a new number; a child forked by a zygote since replaced
        # (its generation no longer live) is gone.
        self._starts = itertools.count()
        self._generations: dict[tuple[str, ...], int] = {}
        self._closed = False
        self.forked_on_demand = 0  # tests that found no child waiting (for benches)
        self._zygotes: dict[tuple[str, ...], Zygote] = {}
        self._start_zygote(PRELOAD)
        self._background = Background("sandbox-spares")

    @classmethod
    def start(cls, max_concurrency: int | None = None) -> SandboxRunner:
        """Refuses with IsolationUnavailable (one line saying what is missing) on a bare machine."""
        check_isolation()
        return cls(max_concurrency or max(os.cpu_count() or 1, 1) * 2)

    def close(self) -> None:
        self._closed = True
        self._background.close()
        for child in self.spares.drain():
            self._discard(child)
        with self._lock:
            zygotes = list(self._zygotes.values())
        for zygote in zygotes:
            zygote.close()
        self._cgroups.remove()

    def __enter__(self) -> SandboxRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def waiting(self) -> list[Child]:
        """The children waiting for a test now (for tests and benches)."""
        return self.spares.snapshot()

    def settle(self) -> None:
        """Wait for the work done in the background (children forked, discarded, groups
        removed) after the tests that have returned (for tests and benches)."""
        self._background.settle()

    def _send_lock(self, preload: tuple[str, ...]) -> threading.Lock:
        with self._lock:
            return self._zygote_locks.setdefault(preload, threading.Lock())

    def _start_zygote(self, preload: tuple[str, ...]) -> Zygote:
        """Start (or restart) the zygote of `preload`; the caller holds its send lock."""
        zygote = Zygote(preload)
        with self._lock:
            self._zygotes[preload] = zygote
            self._generations[preload] = next(self._starts)
        return zygote

    def _live_generations(self) -> set[int]:
        with self._lock:
            return set(self._generations.values())

    def _send(self, preload: tuple[str, ...], request: dict, fds: list[int]) -> int:
        """Send a request to the zygote of `preload` (started if there is none yet, restarted
        if it died); returns its generation. Tests of another zygote's do not wait for a start."""
        with self._send_lock(preload):
            for attempt in (1, 2):
                with self._lock:
                    zygote = self._zygotes.get(preload)
                if zygote is None:
                    zygote = self._start_zygote(preload)
                elif not zygote.alive():
                    log.warning(
                        "sandbox zygote died (exit %s); restarting it", zygote.process.returncode
                    )
                    zygote.close()
                    zygote = self._start_zygote(preload)
                try:
                    zygote.send(request, fds)
                    with self._lock:
                        return self._generations[preload]
                except OSError:
                    if attempt == 2:
                        raise
        raise AssertionError("unreachable")

    def _fork(self, key: Key, uid: int) -> Child:
        """Have the zygote fork a child that confines itself for a test of `key` as `uid`."""
        handover, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pipes: dict[str, tuple[int, int]] = {}
        group = None
        try:
            for name in ("stdout", "stderr", "status", "setup"):
                pipes[name] = os.pipe()
            group = self._cgroups.create(
                f"t{next(self._sequence)}", key.memory_bytes, key.processes
            )
            message = {
                "env": CHILD_ENV,
                "setup": {
                    "uid": uid,
                    "cgroup_procs": group.join_paths,
                    "memory_bytes": key.memory_bytes,
                    "time_ms": key.time_ms,
                    "files_dir": key.files_dir,
                },
            }
            theirs_fds = [theirs.fileno()] + [
                pipes[name][1] for name in ("stdout", "stderr", "status", "setup")
            ]
            generation = self._send(key.preload, message, theirs_fds)
        except BaseException:
            handover.close()
            for read_end, _write_end in pipes.values():
                os.close(read_end)
            if group is not None:
                group.remove()
            raise
        finally:
            theirs.close()
            for _read_end, write_end in pipes.values():
                os.close(write_end)
        reads = {name: read_end for name, (read_end, _write_end) in pipes.items()}
        return Child(key, uid, group, handover, reads, generation)

    def _discard(self, child: Child) -> None:
        """End a child that never got a test: killed, reaped, its group removed."""
        child.handover.close()
        child.group.kill_all()
        # Its uid is handed out again only once the zygote has reaped it, as after a test.
        if not child.ended(timeout=REAP_SECONDS):
            log.error(
                "a discarded sandbox child was not reaped %.0f s after the kill", REAP_SECONDS
            )
        child.close_fds()
        child.group.remove()
        self._uids.put(child.uid)

    def _replenish(self, key: Key) -> None:
        """Fork waiting children of `key` while there is room (made by discarding others)."""
        for _ in range(self.spares.capacity):
            if self._closed or not self.spares.has_room_for(key):
                return
            try:
                uid = self._uids.get_nowait()
            except queue.Empty:
                return  # every uid is in use: the next test forks its own child
            try:
                child = self._fork(key, uid)
            except BaseException:
                self._uids.put(uid)
                raise
            for other in self.spares.put(child):
                self._discard(other)

    def _remove(self, group: TestGroup) -> None:
        """Remove a finished test's (empty) group now, or, if the kernel is still releasing it,
        in the background rather than on the next test's path."""
        try:
            for path in set(group.dirs.values()):
                with contextlib.suppress(FileNotFoundError):
                    path.rmdir()
        except OSError:
            self._background.submit(group.remove)

    def _child_for(self, key: Key, waiting: bool = True) -> Child:
        """A waiting child of `key` (if `waiting`), or one forked now when none waits."""
        if waiting:
            child, stale = self.spares.take(key, self._live_generations())
            for dead in stale:
                self._discard(dead)
            if child is not None:
                return child
        self.forked_on_demand += 1
        uid = self._uids.get()
        try:
            return self._fork(key, uid)
        except BaseException:
            self._uids.put(uid)
            raise

    def run(self, request: RunRequest) -> RunResult:
        limits = request.limits
        files = None
        if request.files_dir:
            with contextlib.suppress(OSError):  # a missing folder fails the child's setup: IE
                files = os.stat(request.files_dir)
        key = Key(
            memory_bytes=limits.memory_mb << 20,
            processes=limits.processes,
            time_ms=limits.time_ms,
            files_dir=str(request.files_dir) if request.files_dir else None,
            files_identity=(files.st_dev, files.st_ino) if files else None,
            preload=request.preload,
        )
        # A lone surrogate cannot be UTF-8: passed through as bytes, it is the student's SyntaxError.
        source = request.source.encode("utf-8", "surrogatepass")
        for attempt in range(1, ATTEMPTS + 1):
            # After a waiting child turned out gone, the next attempts fork their own: the
            # others may have ended the same way, before their zygote could report it.
            child = self._child_for(key, waiting=attempt == 1)
            try:
                observed = self._attempt(child, request, source)
            except OSError as exc:
                return RunResult(status=RunStatus.IE, message=f"the sandbox failed: {exc}")
            finally:
                self._uids.put(child.uid)
                # Forked once this test is over, so the zygote is not forking while it should
                # be reaping; the child taken next was forked a test earlier, confined by then.
                self._background.submit(lambda: self._replenish(key))
            if observed is not None:
                return classify(observed, limits)
            # It ended while it waited (killed, or its zygote died) before it took the code,
            # so nothing of the test ran: another child, forked now.
            log.warning("a waiting sandbox child was gone at hand-over (attempt %d)", attempt)
        message = "the sandbox failed: its children ended before the test started"
        return RunResult(status=RunStatus.IE, message=message)

    def _attempt(self, child: Child, request: RunRequest, source: bytes) -> Observed | None:
        """The test run in `child`; None if the child was gone before it took the code."""
        try:
            # What the child spent confining itself is not the test's time.
            cpu_before = child.group.cpu_ns()
            handed_over = self._hand_over(child, request, source)
        except BaseException:
            self._discard(child)
            raise
        if not handed_over:
            self._discard(child)
            return None
        observed = self._run(child, request.limits, cpu_before)
        # "ok" on the setup pipe comes after the hand-over, before any of the test's code: a
        # child that wrote nothing and was not killed by the judge died before it took the code.
        if not observed.setup and observed.zygote_error is None and observed.killed_for is None:
            return None
        return observed

    def _hand_over(self, child: Child, request: RunRequest, source: bytes) -> bool:
        """Send the test's stdin and source to the waiting child; False if it is gone."""
        theirs = [_sealed_memfd("stdin", request.stdin)]
        try:
            theirs.append(_sealed_memfd("source", source))
            message = json.dumps({"mode": request.mode}).encode()
            try:
                socket.send_fds(child.handover, [message], theirs)
            except (BrokenPipeError, ConnectionError):
                return False
            return True
        finally:
            for fd in theirs:
                os.close(fd)
            child.handover.close()

    def _run(self, child: Child, limits: Limits, cpu_before: int) -> Observed:
        group = child.group
        try:
            # Started once the child has the code: a zygote restart is not the test's time.
            started = time.monotonic()
            observed = self._watch(group, child.reads, limits, started, cpu_before)
        finally:
            for fd in child.reads.values():
                os.close(fd)
            group.kill_all()
            _collect_unix_garbage()
            observed_stats = (group.cpu_ns() - cpu_before, group.memory_peak(), group.oom_killed())
            self._remove(group)
        observed.cpu_ns, observed.memory_bytes, observed.oom_killed = observed_stats
        return observed

    def _watch(
        self,
        group: TestGroup,
        reads: dict[str, int],
        limits: Limits,
        started: float,
        cpu_before: int,
    ) -> Observed:
        # Closed explicitly: a selector is a reference cycle, so its epoll descriptor would
        # otherwise stay open until the garbage collector happens to run.
        with selectors.DefaultSelector() as selector:
            return self._watch_with(selector, group, reads, limits, started, cpu_before)

    def _watch_with(
        self,
        selector: selectors.BaseSelector,
        group: TestGroup,
        reads: dict[str, int],
        limits: Limits,
        started: float,
        cpu_before: int,
    ) -> Observed:
        seen = Observed()
        buffers = {name: bytearray() for name in reads}
        for name, fd in reads.items():
            selector.register(fd, selectors.EVENT_READ, name)
        open_streams = set(reads)
        wall_limit = limits.wall_limit_ms / 1000
        cpu_limit_ns = limits.time_ms * 1_000_000 + cpu_before
        # A test cannot have used more CPU than its wall time on every core of the machine, so
        # its group is not read (about 60 us a read) until half its CPU limit could be spent,
        # unless each read also samples its memory peak.
        cpu_unread_until = (
            0.0 if group.samples_memory else limits.time_ms / 2000 / (os.cpu_count() or 1)
        )
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
            elif elapsed > wall_limit or (
                elapsed > cpu_unread_until and group.cpu_ns() > cpu_limit_ns
            ):
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
