"""The Celery side of judging: the only module in `judge/` that knows Celery.

A task carries a submission id and nothing else. The function that judges an id is handed in by
whoever starts the worker (`mljudge worker`), so this module needs neither settings nor a database.
"""

from __future__ import annotations

from collections.abc import Callable

from celery import Celery

JUDGE_TASK = "mljudge.judge_submission"


def create_celery(broker_url: str, queue: str = "mljudge") -> Celery:
    celery = Celery("mljudge", broker=broker_url)
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
        # The redelivery after a lost worker is a safety net; the service's sweeper is faster.
        broker_transport_options={"visibility_timeout": 3600},
    )
    return celery


def register_judge(celery: Celery, judge_one: Callable[[int], None]) -> None:
    """Bind the task name to `judge_one`, which must be idempotent for a given id."""

    @celery.task(name=JUDGE_TASK, acks_late=True)
    def judge_submission(submission_id: int) -> None:
        judge_one(int(submission_id))
