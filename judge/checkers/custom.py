"""A problem's own ``checker.py``, run out of process with a time limit per call.

Contract for problem authors. ``checker.py`` defines::

    def check(input: str, output: str, answer: str, files: pathlib.Path) -> tuple[float, str]:
        ...

- ``input``: the test's ``.in`` text ("" when the test has none).
- ``output``: what the student's program printed. Untrusted: any UTF-8 text up to the problem's
  output limit, so parse it defensively and do not echo it back unbounded.
- ``answer``: the test's ``.ans`` text.
- ``files``: the package's ``files/`` folder (given even when the package has no such folder).
- Returns ``(score, message)``: ``score`` a float in [0, 1] where 1 accepts the test and anything
  less is a wrong answer worth that share of the test; ``message`` is shown to the student and is
  cut to 1000 characters.

How it runs: one process serves every test of one submission, so module-level work (imports,
loading ``files/``) is paid once; do not let one call's state change another call's result. The
working directory is the problem folder, which is also on ``sys.path``; the environment holds only
PATH, LANG and single-thread settings for OpenMP/MKL/OpenBLAS. Printing is harmless: stdout is sent
to stderr. Each call may take ``checker.time_limit_ms``; past it the process is killed and a new
one is started for the next test.

A checker that cannot be imported, raises, returns anything but ``(score, message)``, returns a
score outside [0, 1] or NaN, runs out of time or dies gives verdict IE for that test: the judge's
fault, never the student's. The reason is logged on the ``judge.checkers`` logger.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from judge.checkers.errors import CheckerError
from judge.verdict import CheckResult

log = logging.getLogger("judge.checkers")

HOST_PATH = Path(__file__).with_name("custom_host.py")
MESSAGE_LIMIT = 1000
# Importing the checker may import torch, which takes seconds on a cold, busy machine; that is not
# the per-call budget the author chose, so start-up gets its own, generous limit.
STARTUP_TIMEOUT_S = 60.0
REPLY_LIMIT = 1 << 20  # a reply carries a score and a short message; more is a broken protocol
STDERR_TAIL = 4000
CHUNK = 1 << 16


def _environment() -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": "C.UTF-8",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
    }


def _exit_status(pid: int) -> str:
    """How a host that closed its stdout ended, without reaping it.

    Reaping is left to close(), which kills the process group first: until then the pid, and so
    the group id, cannot be reused by an unrelated process.
    """
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        status = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        if status is None:
            time.sleep(0.01)
        elif status.si_code == os.CLD_EXITED:
            return f"exited with code {status.si_status}"
        else:
            try:
                return f"was killed by {signal.Signals(status.si_status).name}"
            except ValueError:
                return f"was killed by signal {status.si_status}"
    return "closed its output"


class _Broken(Exception):
    """The host process can no longer be trusted; it is killed and restarted on the next call."""


class CheckerProcess:
    """One checker host process, started on the first call and reused for the next ones.

    Start-up is lazy so that a checker which cannot even be imported becomes an IE verdict on each
    test instead of an exception escaping ``open_checker``.
    """

    def __init__(
        self,
        problem_id: str,
        checker_path: Path,
        files_dir: Path,
        cwd: Path,
        time_limit_ms: int,
    ):
        self.problem_id = problem_id
        self.checker_path = checker_path
        self.files_dir = files_dir
        self.cwd = cwd
        self.time_limit_ms = time_limit_ms
        self._process: subprocess.Popen[bytes] | None = None
        self._start_error: CheckerError | None = None
        self._stderr_tail = b""

    def __enter__(self) -> CheckerProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        # Killing the whole session (not just the host) also ends anything the checker spawned;
        # the host is not reaped before this, so its pid (the group id) is still ours.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream:
                stream.close()

    def __call__(self, input: str, output: str, answer: str) -> CheckResult:
        if self._start_error:
            raise self._start_error
        if self._process is None:
            self._start()
        request = json.dumps({"input": input, "output": output, "answer": answer}) + "\n"
        self._stderr_tail = b""  # so a failure logs what this call printed, not the whole history
        try:
            reply = self._exchange(request.encode(), self.time_limit_ms / 1000)
        except TimeoutError:
            raise self._fail(f"checker timed out after {self.time_limit_ms} ms") from None
        except _Broken as exc:
            raise self._fail(str(exc)) from None
        return self._check_result(reply)

    def _start(self) -> None:
        """Start the host and wait until checker.py is imported.

        A failure is remembered for the rest of the submission rather than retried on every test:
        importing is deterministic, and each retry of a hanging import would cost the start-up
        limit again.
        """
        try:
            self._spawn_and_wait_ready()
        except CheckerError as exc:
            self._start_error = exc
            raise

    def _spawn_and_wait_ready(self) -> None:
        self._stderr_tail = b""
        try:
            self._process = subprocess.Popen(
                [
                    sys.executable,
                    "-I",
                    "-B",
                    "-X",
                    "utf8",
                    str(HOST_PATH),
                    str(self.checker_path),
                    str(self.files_dir),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=self.cwd,
                env=_environment(),
                start_new_session=True,
            )
        except OSError as exc:
            raise self._fail(f"cannot start the checker process: {exc}") from None
        for stream in (self._process.stdin, self._process.stdout, self._process.stderr):
            assert stream is not None  # all three are pipes (above)
            os.set_blocking(stream.fileno(), False)
        try:
            reply = self._exchange(b"", STARTUP_TIMEOUT_S)
        except TimeoutError:
            raise self._fail(f"checker did not start within {STARTUP_TIMEOUT_S:g} s") from None
        except _Broken as exc:
            raise self._fail(f"checker did not start: {exc}") from None
        if reply.get("ready") is True:
            return
        if isinstance(reply.get("error"), str):
            raise self._fail(reply["error"], reply.get("detail"))
        raise self._fail(f"checker sent {_clip(repr(reply), 100)} instead of ready")

    def _exchange(self, request: bytes, timeout_s: float) -> dict[str, Any]:
        """Send a request (if any) and wait for one reply line, all within `timeout_s`.

        Writing is non-blocking too: a checker stuck before reading a large request must still
        time out instead of blocking the judge on a full pipe.
        """
        process = self._process
        assert process and process.stdin and process.stdout and process.stderr
        stdin, stdout, stderr = process.stdin, process.stdout, process.stderr
        deadline = time.monotonic() + timeout_s
        pending = memoryview(request)
        received = bytearray()
        with selectors.DefaultSelector() as selector:
            if pending:
                selector.register(stdin, selectors.EVENT_WRITE)
            selector.register(stdout, selectors.EVENT_READ)
            selector.register(stderr, selectors.EVENT_READ)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError
                for key, _ in selector.select(remaining):
                    if key.fileobj is stdin:
                        try:
                            pending = pending[os.write(stdin.fileno(), pending[:CHUNK]) :]
                        except BrokenPipeError:
                            pending = pending[:0]  # it died; reading stdout will say how
                        if not pending:
                            selector.unregister(stdin)
                    elif key.fileobj is stderr:
                        chunk = os.read(stderr.fileno(), CHUNK)
                        if not chunk:
                            selector.unregister(stderr)
                        self._stderr_tail = (self._stderr_tail + chunk)[-STDERR_TAIL:]
                    else:
                        chunk = os.read(stdout.fileno(), CHUNK)
                        if not chunk:
                            raise _Broken(f"checker process {_exit_status(process.pid)}")
                        received += chunk
                        if b"\n" in received:
                            return self._parse_reply(received)
                        if len(received) > REPLY_LIMIT:
                            raise _Broken("checker sent an oversized reply")

    @staticmethod
    def _parse_reply(received: bytearray) -> dict[str, Any]:
        line, _, rest = bytes(received).partition(b"\n")
        if rest:
            raise _Broken("checker sent more than one reply")
        try:
            reply = json.loads(line)
        except ValueError:
            raise _Broken(f"checker sent a malformed reply {_clip(repr(line), 100)}") from None
        if not isinstance(reply, dict):
            raise _Broken(f"checker sent a malformed reply {_clip(repr(line), 100)}")
        return reply

    def _check_result(self, reply: dict[str, Any]) -> CheckResult:
        if "error" in reply:
            reason = reply["error"] if isinstance(reply["error"], str) else repr(reply["error"])
            # The host is healthy after reporting a failing call, so it is kept.
            raise self._fail(reason, reply.get("detail"), restart=False)
        score, message = reply.get("score"), reply.get("message")
        if (
            not isinstance(score, int | float)
            or isinstance(score, bool)
            or not isinstance(message, str)
        ):
            raise self._fail(f"checker sent a malformed reply {_clip(repr(reply), 100)}")
        if not 0.0 <= score <= 1.0:  # also false for NaN
            raise self._fail(f"check() returned score {score!r}, not in [0, 1]", restart=False)
        return CheckResult(passed=score >= 1.0, score=score, message=_clip(message, MESSAGE_LIMIT))

    def _fail(self, reason: str, detail: object = None, *, restart: bool = True) -> CheckerError:
        """Log why a check failed and build the error; by default the process is replaced."""
        stderr = self._stderr_tail.decode("utf-8", "replace").strip()
        log.warning(
            "problem %s: %s%s%s",
            self.problem_id,
            reason,
            f"\n{detail}" if isinstance(detail, str) and detail else "",
            f"\nchecker stderr (tail):\n{stderr}" if stderr else "",
        )
        if restart:
            self.close()
        return CheckerError(reason)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
