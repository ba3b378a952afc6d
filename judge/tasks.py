"""The Celery side of judging: the only module in `judge/` that knows Celery.

A task carries a submission id and nothing else. The function that judges an id is handed in by
whoever starts the worker (`mljudge worker`), so this module needs neither settings nor a database.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from celery import Celery
from celery.worker.consumer import Consumer
from kombu import Connection
from kombu.exceptions import ChannelError

JUDGE_TASK = "mljudge.judge_submission"

# Celery's worker retries a lost broker after 2, 4, 6, ... up to 30 s, so after a long outage it
# could idle half a minute with the broker back; this is the longest it waits instead.
RECONNECT_INTERVAL_S = 1

# A publisher (the API's outbox relay) tries the broker once and gives up within about this
# long; the relay sends again on its next tick, so no thread ever blocks on a broker outage.
PUBLISH_TIMEOUT_S = 1.0


def create_celery(broker_url: str, queue: str = "mljudge", *, publisher: bool = False) -> Celery:
    """The app a worker consumes with, or with `publisher` the one the API sends with."""
    celery = Celery("mljudge", broker=broker_url)
    transport_options: dict[str, object] = {
        # The redelivery after a lost worker is a safety net; the service's sweeper and the
        # outbox relay's reconciliation are faster.
        "visibility_timeout": 3600
    }
    if publisher:
        transport_options |= {
            "max_retries": 0,  # one connection attempt per call, no back-off sleeps
            "socket_connect_timeout": PUBLISH_TIMEOUT_S,
            "socket_timeout": PUBLISH_TIMEOUT_S,
        }
    celery.conf.update(
        task_default_queue=queue,
        # Acknowledge after judging: a worker killed mid-test leaves the message to be redelivered.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # One message at a time per worker thread, so a slow submission never hides others.
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=True,
        # A worker waits for its broker however long it is away (retrying every second or so).
        broker_connection_max_retries=None,
        broker_transport_options=transport_options,
        worker_consumer=f"{__name__}:PromptReconnectConsumer",
    )
    if publisher:
        celery.conf.update(broker_connection_timeout=PUBLISH_TIMEOUT_S, task_publish_retry=False)
    return celery


class PromptReconnectConsumer(Consumer):
    """Celery's consumer, retrying a lost broker every RECONNECT_INTERVAL_S at most."""

    def ensure_connected(self, conn: Connection) -> Connection:
        conn.ensure_connection = partial(  # type: ignore[method-assign]
            conn.ensure_connection,
            interval_start=RECONNECT_INTERVAL_S,
            interval_step=RECONNECT_INTERVAL_S,
            interval_max=RECONNECT_INTERVAL_S,
        )
        return super().ensure_connected(conn)


def publish(celery: Celery, submission_id: int) -> None:
    """Send one judging task; raises (kombu's OperationalError) when the broker cannot take it."""
    celery.send_task(JUDGE_TASK, args=[submission_id], retry=False)


def waiting_messages(celery: Celery) -> int:
    """Messages in the queue that no worker has taken yet (taken, unacknowledged ones are not
    counted). Raises when the broker cannot be reached."""
    with celery.connection_for_write() as connection:
        channel: Any = connection.default_channel  # the stubs' StdChannel has no queue_declare
        try:
            declared = channel.queue_declare(queue=celery.conf.task_default_queue, passive=True)
        except ChannelError:  # Redis keeps no empty list: a queue with nothing in it is "not found"
            return 0
    return int(declared.message_count)


def register_judge(celery: Celery, judge_one: Callable[[int], None]) -> None:
    """Bind the task name to `judge_one`, which must be idempotent for a given id."""

    @celery.task(name=JUDGE_TASK, acks_late=True)
    def judge_submission(submission_id: int) -> None:
        judge_one(int(submission_id))
