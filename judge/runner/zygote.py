"""The warm process: imports the runtime once, then forks one confined child per test.

Started by the sandbox runner as its own program with an empty environment, so that nothing it
holds in memory (which every child can read) was ever a secret, an answer or another submission:
requests carry only limits and paths; the submission's source and input arrive as file
descriptors that only the child reads.

Protocol on the descriptor named by argv[1] (a SOCK_SEQPACKET socket): the zygote sends
{"ready": pid} once warm; each request is one JSON message with five descriptors attached:
hand-over, stdout, stderr, status, setup. The zygote forks a child at once, which confines itself
completely (every layer of isolate.confine) and then waits on its hand-over socket, so the runner
can keep a few children waiting and a test pays only for handing over its code. The hand-over
carries {"mode": ...} and two descriptors, stdin and source; an empty message (the runner closed
its end) ends the child unused. When the child ends, the zygote writes {"wait_status": N} to its
status descriptor and closes it.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import gc
import importlib
import io
import json
import os
import selectors
import socket
import sys
import traceback
import types
from typing import TYPE_CHECKING, NoReturn

from judge.runtime import PRELOAD

if TYPE_CHECKING:
    from judge.runner.isolate import RootLayout

SOURCE_FD = 3  # in the child, after the standard three
MADV_HUGEPAGE, MADV_COLLAPSE = 14, 25
SETUP_FD = 4
HANDOVER_FD = 5
REQUEST_FDS = 5


def warm_up(preload: tuple[str, ...]) -> None:
    """Import the preloaded runtime (judge/runtime.py PRELOAD) and run each part once, so the
    code paths a test takes first are loaded here, shared, rather than in every test."""
    for name in preload:
        importlib.import_module(name)
    if "torch" in preload:
        import torch

        # One thread: a child forked after the OpenMP pool started hangs in its first parallel op.
        torch.set_num_threads(1)
        x = torch.linspace(-1.0, 1.0, 16, requires_grad=True)
        (torch.sigmoid(x) * x**2).sum().backward()
    if "torch.optim" in preload:
        import torch

        # An optimizer's first construction imports torch._dynamo (and sympy with it): ~1 s of
        # CPU and ~100 MiB that every training submission would pay per test.
        parameter = torch.zeros(2, requires_grad=True)
        for optimizer in (torch.optim.SGD([parameter], lr=0.1), torch.optim.Adam([parameter])):
            optimizer.zero_grad()
            (parameter**2).sum().backward()
            optimizer.step()
    if "numpy" in preload:
        import numpy

        numpy.linalg.norm(numpy.arange(16.0).reshape(4, 4))
    if "pandas" in preload:
        import pandas

        frame = pandas.read_csv(io.StringIO("x,y\n1,2.5\n3,4.5\n"))
        frame.describe()


def collapse_into_huge_pages() -> None:
    """Back the warm heap with 2 MiB pages, so a fork copies (and an exit frees) a few hundred
    page-table entries instead of ~40,000: fork, exit and reap take about 4 ms instead of 16.

    A child that writes to such a page still copies only 4 KiB of it. Best effort: a kernel
    without MADV_COLLAPSE (before 6.1) or with THP off leaves the heap as it is.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    huge = 2 << 20
    with open("/proc/self/maps") as maps:
        lines = maps.readlines()
    for line in lines:
        fields = line.split()
        if fields[1] != "rw-p" or (len(fields) > 5 and fields[5] != "[heap]"):
            continue
        start, end = (int(x, 16) for x in fields[0].split("-"))
        start, end = (start + huge - 1) // huge * huge, end // huge * huge
        if end > start:
            address, length = ctypes.c_void_p(start), ctypes.c_size_t(end - start)
            libc.madvise(address, length, MADV_HUGEPAGE)
            libc.madvise(address, length, MADV_COLLAPSE)


def _thread_count() -> int:
    return len(os.listdir("/proc/self/task"))


def run_submission() -> None:
    """In the confined child: read the source, run it as __main__, exit like `python file` would."""
    with os.fdopen(SOURCE_FD, "rb") as handle:
        source = handle.read()
    sys.stdin = open(0, encoding="utf-8", errors="replace", closefd=False)
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.stderr = open(
        2, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1
    )
    sys.argv = ["submission.py"]
    main = types.ModuleType("__main__")
    main.__file__ = "/tmp/submission.py"
    sys.modules["__main__"] = main
    code = 0
    try:
        code_object = compile(source, "submission.py", "exec")
    except (SyntaxError, ValueError) as exc:
        traceback.print_exception(type(exc), exc, None)
        os._exit(1)
    try:
        exec(code_object, main.__dict__)
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    except BaseException as exc:  # noqa: BLE001 - the student's error, shown as Python would
        tb = exc.__traceback__.tb_next if exc.__traceback__ else None
        traceback.print_exception(type(exc), exc, tb if tb is not None else exc.__traceback__)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or 120
    os._exit(code)


def child(request: dict, fds: list[int], layout: RootLayout) -> None:
    """Never returns: the test's process from fork to exit."""
    from judge.runner import harness, isolate

    handover, stdout, stderr, _status, setup_pipe = fds
    try:
        # Move everything above the targets first, so no dup2 overwrites a descriptor still needed.
        high = [
            fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 64)
            for fd in (stdout, stderr, setup_pipe, handover)
        ]
        for target, fd in zip((1, 2, SETUP_FD, HANDOVER_FD), high, strict=True):
            os.dup2(fd, target, inheritable=target <= 2)
        # Until the hand-over, standard input is the zygote's /dev/null; nothing else stays open.
        os.closerange(3, SETUP_FD)
        os.closerange(HANDOVER_FD + 1, os.sysconf("SC_OPEN_MAX"))
        os.environ.clear()
        os.environ.update(request["env"])
        isolate.confine(layout, isolate.TestSetup(**request["setup"]))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as an internal error
        _setup_failed(f"sandbox setup failed: {exc!r}")
    # Confined: only now may the test's code and input arrive.
    mode = _await_handover()
    if mode == "function":
        harness.run_function(SOURCE_FD)
    run_submission()


def _setup_failed(message: str) -> NoReturn:
    try:
        os.write(SETUP_FD, message.encode()[:4000])
    finally:
        os._exit(125)


def _await_handover() -> str:
    """In the confined child: receive stdin and source, put them in place, return the mode."""
    try:
        with socket.socket(fileno=HANDOVER_FD) as handover:
            message, fds, _flags, _addr = socket.recv_fds(handover, 4096, 2)
        if not message:
            os._exit(0)  # discarded unused: the runner closed its end
        if len(fds) != 2:
            raise ValueError(f"{len(fds)} descriptors handed over, not 2")
        for target, fd in zip((0, SOURCE_FD), fds, strict=True):
            os.dup2(fd, target, inheritable=target == 0)
            os.close(fd)
        mode = str(json.loads(message)["mode"])
        os.write(SETUP_FD, b"ok")
        os.close(SETUP_FD)
    except Exception as exc:  # noqa: BLE001 - reported to the parent as an internal error
        _setup_failed(f"sandbox hand-over failed: {exc!r}")
    return mode


def serve(control: socket.socket) -> None:
    # The child cannot see this repository's files: whatever it runs is imported here, first.
    from judge.runner import harness, isolate  # noqa: F401

    layout = isolate.RootLayout.for_interpreter()
    own_pid_ns = os.open("/proc/self/ns/pid", os.O_RDONLY)
    selector = selectors.DefaultSelector()
    selector.register(control, selectors.EVENT_READ)
    control.send(json.dumps({"ready": os.getpid()}).encode())
    while True:
        for key, _ in selector.select():
            if key.fileobj is control:
                message, fds, _flags, _addr = socket.recv_fds(control, 1 << 16, REQUEST_FDS)
                if not message:
                    return  # the runner closed the socket: shut down
                _start(json.loads(message), fds, layout, own_pid_ns, selector)
            else:
                pid, status_fd = key.data
                selector.unregister(key.fileobj)
                os.close(key.fd)
                _pid, wait_status = os.waitpid(pid, 0)
                _report(status_fd, {"wait_status": wait_status})


def _report(status_fd: int, message: dict) -> None:
    with contextlib.suppress(OSError):  # the runner gave up on this test already
        os.write(status_fd, json.dumps(message).encode())
    os.close(status_fd)


def _start(
    request: dict,
    fds: list[int],
    layout: RootLayout,
    own_pid_ns: int,
    selector: selectors.BaseSelector,
) -> None:
    from judge.runner import isolate

    status_fd = fds[3]
    threads = _thread_count()
    if len(fds) != REQUEST_FDS or threads != 1:
        _report(status_fd, {"error": f"zygote refused to fork: {len(fds)} fds, {threads} threads"})
        for fd in fds[:3] + fds[4:]:
            os.close(fd)
        if threads != 1:
            sys.exit(3)  # forking now could hang the child; the runner starts a fresh zygote
        return
    isolate.unshare(isolate.CLONE_NEWPID)
    pid = os.fork()
    if pid == 0:
        child(request, fds, layout)
    isolate.setns(own_pid_ns, isolate.CLONE_NEWPID)
    for fd in fds:
        if fd != status_fd:
            os.close(fd)
    selector.register(os.pidfd_open(pid), selectors.EVENT_READ, (pid, status_fd))


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    # argv[2], when given, replaces the preload list (bench/judge_overhead.py compares lists).
    preload = tuple(filter(None, sys.argv[2].split(","))) if len(sys.argv) > 2 else PRELOAD
    warm_up(preload)
    # Children inherit every object; a collection in a child would touch (and so copy) them all.
    gc.collect()
    gc.freeze()
    collapse_into_huge_pages()
    serve(control)


if __name__ == "__main__":
    main()
