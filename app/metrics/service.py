"""The figures /metrics gives: the database's (the same for every process, read when scraped)
and the judges' (app/metrics/judging.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client import multiprocess as prometheus_multiprocess
from prometheus_client.core import REGISTRY, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.db import transaction
from app.health import JudgingMonitor
from app.submissions import outbox
from app.submissions.models import Status, Submission


class DatabaseCollector(Collector):
    """Submissions by state and by verdict, the outbox backlog, the queue and its judges: counted
    in the database (and asked of the queue) at each scrape, so every API process says the same."""

    def __init__(self, factory: sessionmaker[Session], monitor: JudgingMonitor):
        self._factory, self._monitor = factory, monitor

    def collect(self) -> Iterator[Metric]:
        states = GaugeMetricFamily("mljudge_submissions", "Submissions by state", labels=["status"])
        verdicts = GaugeMetricFamily(
            "mljudge_submissions_by_verdict", "Judged submissions by verdict", labels=["verdict"]
        )
        with transaction(self._factory) as session:
            by_status = dict(
                session.execute(
                    select(Submission.status, func.count()).group_by(Submission.status)
                ).all()
            )
            by_verdict = session.execute(
                select(Submission.verdict, func.count())
                .where(Submission.status == Status.DONE)
                .group_by(Submission.verdict)
            ).all()
            unsent = outbox.count_unsent(session)
        for status in Status:
            states.add_metric([status.value], by_status.get(status, 0))
        for verdict, count in by_verdict:
            verdicts.add_metric([verdict.value if verdict else "none"], count)
        yield states
        yield verdicts
        yield GaugeMetricFamily(
            "mljudge_outbox_unsent",
            "Queued submissions not handed to the queue yet (grows while the broker is down)",
            value=unsent,
        )
        judging = self._monitor.status()
        reachable = GaugeMetricFamily(
            "mljudge_queue_reachable", "1 when the queue to the judges can be used, else 0"
        )
        reachable.add_metric([], 1 if judging.queue == "ok" else 0)
        yield reachable
        if judging.judges is not None:
            yield GaugeMetricFamily(
                "mljudge_judges", "Judges alive (worker processes or threads)", value=judging.judges
            )


def judges_registry() -> CollectorRegistry:
    """The judges' figures: this process's, or in prometheus-client's multiprocess mode those of
    every process of the host."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    prometheus_multiprocess.MultiProcessCollector(registry)
    return registry


def exposition(database: DatabaseCollector) -> bytes:
    """The text /metrics answers: the database's figures and the judges'."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(database)
    registry.register(judges_registry())
    return generate_latest(registry)
