"""What the service holds for its lifetime, built from settings, and what runs beside the requests.

`build_runtime` makes the parts (database sessions, the runner, the transport to the judges, the
outbox relay) without starting anything; `Runtime.lifespan` starts them when the app starts
(problems synced, orphans of an embedded crash re-queued, relay, writer and sweeper threads running) and
stops them in reverse.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.db import make_engine, make_sessionmaker, transaction
from app.dispatch import CeleryDispatcher, Dispatcher, InlineDispatcher
from app.problems import service as problems
from app.runners import RunnerFactory, RunnerHolder, import_factory
from app.settings import Settings
from app.submissions.changes import SubmissionChanges
from app.submissions.judging import context_from_settings, judge_submission
from app.submissions.outbox import OutboxRelay
from app.submissions.sweeper import Sweeper, sweep
from app.submissions.writer import SubmissionWriter
from judge.runner import RunRequest, RunResult, parallel_tests

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    sessionmaker: sessionmaker[Session]
    engine: Engine | None  # made here, so disposed here; None when the caller gave the sessions
    runners: RunnerHolder
    transport: Dispatcher
    outbox: OutboxRelay
    writer: SubmissionWriter
    sweeper: Sweeper | None
    changes: SubmissionChanges  # told by this process's judges (embedded), heard by its streams

    @asynccontextmanager
    async def lifespan(self, _app: FastAPI) -> AsyncIterator[None]:
        self.start()
        try:
            yield
        finally:
            self.stop()

    def start(self) -> None:
        settings = self.settings
        with transaction(self.sessionmaker) as session:
            report = problems.sync(session, settings.problems_dir)
            for error in report.errors:
                log.error("problem package skipped: %s", error)
            if settings.embedded:
                # Only this process judges, so whatever it left queued or judging is orphaned.
                sweep(
                    session,
                    lease_s=settings.lease_s,
                    max_attempts=settings.max_attempts,
                    now=datetime(9999, 1, 1, tzinfo=UTC),
                )
        self.outbox.start()
        self.writer.start()
        if self.sweeper is not None:
            self.sweeper.start()

    def stop(self) -> None:
        if self.sweeper is not None:
            self.sweeper.stop()
        self.writer.stop()
        self.outbox.stop()
        self.transport.close()
        self.runners.close()
        if self.engine is not None:
            self.engine.dispose()


def build_runtime(
    settings: Settings,
    runner_factory: RunnerFactory | None = None,
    *,
    session_factory: sessionmaker[Session] | None = None,
    transport: Dispatcher | None = None,
) -> Runtime:
    """The parts, not started. Tests inject sessions (one rolled-back connection) and a transport."""
    engine = None
    if session_factory is None:
        engine = make_engine(settings.database_url)
        session_factory = make_sessionmaker(engine)
    runners = RunnerHolder(runner_factory or import_factory(settings.runner))
    changes = SubmissionChanges()
    if transport is None:
        transport = choose_transport(settings, session_factory, runners, changes)
    outbox = OutboxRelay(
        session_factory,
        transport,
        interval_s=settings.relay_interval_s,
        redeliver_after_s=settings.redeliver_after_s,
    )
    writer = SubmissionWriter(session_factory, settings, outbox)
    sweeper = None
    if settings.sweep_interval_s > 0:
        sweeper = Sweeper(
            session_factory,
            outbox.wake,
            interval_s=settings.sweep_interval_s,
            lease_s=settings.lease_s,
            max_attempts=settings.max_attempts,
        )
    return Runtime(
        settings, session_factory, engine, runners, transport, outbox, writer, sweeper, changes
    )


def choose_transport(
    settings: Settings,
    factory: sessionmaker[Session],
    runners: RunnerHolder,
    changes: SubmissionChanges,
) -> Dispatcher:
    """Embedded: judge threads in this process. Production: the Celery queue."""
    if settings.embedded:
        context = context_from_settings(settings, factory, _LazyRunner(runners), changes.changed)
        return InlineDispatcher(partial(judge_submission, context), settings.workers)
    from judge.tasks import create_celery

    return CeleryDispatcher(
        create_celery(settings.broker_url or "", settings.queue, publisher=True)
    )


class _LazyRunner:
    """Starts the runner on the first test judged, so building the app stays cheap."""

    def __init__(self, holder: RunnerHolder):
        self._holder = holder

    def run(self, request: RunRequest) -> RunResult:
        return self._holder.get().run(request)

    @property
    def parallel_tests(self) -> int:
        return parallel_tests(self._holder.get())
