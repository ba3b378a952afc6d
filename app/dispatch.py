"""How a committed submission reaches a judge: in-process threads or a Celery queue.

Either way the message is only the submission id; the judge reads everything else from the
database, so a lost or repeated message costs nothing but a sweep or a no-op.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from celery import Celery

log = logging.getLogger(__name__)

PING_TIMEOUT_S = 1.0


class Dispatcher(Protocol):
    def enqueue(self, submission_id: int) -> None: ...

    def check(self) -> str | None:
        """None when the queue is usable, else a one-line reason."""

    def judges(self) -> int | None:
        """How many judges are alive to take submissions; None when it cannot be told."""

    def close(self) -> None: ...


class InlineDispatcher:
    """Embedded mode: a pool of threads in this process, sized to the cores, calls `judge_one`.
    The runner is thread-safe, and judging mostly waits on sandboxed child processes."""

    def __init__(self, judge_one: Callable[[int], None], workers: int):
        self._judge_one = judge_one
        self._workers, self._closed = workers, False
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mljudge-judge")

    def _run(self, submission_id: int) -> None:
        try:
            self._judge_one(submission_id)
        except Exception:  # the sweeper retries it; the pool thread must survive
            log.exception("judging submission %s failed", submission_id)

    def enqueue(self, submission_id: int) -> None:
        self._pool.submit(self._run, submission_id)

    def check(self) -> str | None:
        return None

    def judges(self) -> int | None:
        # The pool starts its threads as work arrives and keeps them until it is shut down.
        return 0 if self._closed else self._workers

    def close(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)


class CeleryDispatcher:
    """Production: send the id to the broker; `mljudge worker` processes judge it."""

    def __init__(self, celery_app: Celery):
        self._celery = celery_app

    def enqueue(self, submission_id: int) -> None:
        from judge.tasks import JUDGE_TASK

        self._celery.send_task(JUDGE_TASK, args=[submission_id])

    def check(self) -> str | None:
        try:
            with self._celery.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception as exc:  # noqa: BLE001 -- a probe reports any failure, never raises
            return f"broker unreachable: {type(exc).__name__}: {exc}"
        return None

    def judges(self) -> int | None:
        # Every worker process answers a broadcast ping once, whatever its concurrency; the
        # answers are collected until the timeout, which is why the status probe is cached.
        try:
            return len(self._celery.control.ping(timeout=PING_TIMEOUT_S) or [])
        except Exception:
            log.exception("pinging the workers failed")
            return None

    def close(self) -> None:
        self._celery.close()
