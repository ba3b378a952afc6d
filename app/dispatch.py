"""How a submission id reaches a judge: in-process threads or a Celery queue (the transport).

Only the outbox relay (app/submissions/outbox.py) sends; it calls `enqueue` outside any database
transaction and sends again whatever `enqueue` refused. The message is only the submission id;
the judge reads everything else from the database, so a lost or repeated message costs nothing
but a resend or a no-op.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from celery import Celery

log = logging.getLogger(__name__)

PING_TIMEOUT_S = 1.0


class Dispatcher(Protocol):
    def enqueue(self, submission_id: int) -> None:
        """Hand the id to the judges, or raise at once (never block on an outage)."""

    def waiting(self) -> int | None:
        """Messages sent and not yet taken by a judge; None when it cannot be told."""

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
        self._lock = threading.Lock()
        self._waiting = 0

    def _run(self, submission_id: int) -> None:
        with self._lock:
            self._waiting -= 1
        try:
            self._judge_one(submission_id)
        except Exception:  # the sweeper retries it; the pool thread must survive
            log.exception("judging submission %s failed", submission_id)

    def enqueue(self, submission_id: int) -> None:
        with self._lock:
            self._pool.submit(self._run, submission_id)
            self._waiting += 1

    def waiting(self) -> int | None:
        with self._lock:
            return self._waiting

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
        """`celery_app`: made by `judge.tasks.create_celery(..., publisher=True)`, which fails
        fast when the broker is down."""
        self._celery = celery_app

    def enqueue(self, submission_id: int) -> None:
        from judge.tasks import publish

        publish(self._celery, submission_id)

    def waiting(self) -> int | None:
        from judge.tasks import waiting_messages

        return waiting_messages(self._celery)

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
