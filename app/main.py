"""The FastAPI application, assembled from settings and (for tests) injected parts."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import partial

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.admin.router import router as admin_router
from app.auth.router import router as auth_router
from app.dashboard.router import router as dashboard_router
from app.db import make_engine, make_sessionmaker, transaction, utcnow
from app.dispatch import CeleryDispatcher, Dispatcher, InlineDispatcher
from app.edge import StorableText
from app.health import JudgingMonitor
from app.health import router as health_router
from app.leaderboard.router import router as leaderboard_router
from app.problems import service as problems
from app.problems.router import router as problems_router
from app.runners import RunnerFactory, RunnerHolder, import_factory
from app.runtime.router import router as runtime_router
from app.settings import Settings
from app.submissions.judging import JudgingContext, judge_submission
from app.submissions.router import router as submissions_router
from app.submissions.sweeper import Sweeper, sweep
from app.web.router import router as web_router
from app.web.router import static_files
from judge.runner import RunRequest, RunResult

log = logging.getLogger(__name__)

TOO_LARGE = "request body too large"
# Room for a form's other fields and multipart framing around a submission of the largest size.
SMALL_BODY_BYTES = 256 * 1024


class BodySizeLimit:
    """413 for a body over its route's limit, whether its size is declared or it arrives chunked.

    Only the administrators' problem upload (API or page form) may be large; every other request
    carries at most a submission, so it gets `small_bytes`. The declared size is refused before
    anything is read; a chunked body is counted as it arrives and refused once over, before it is
    all in memory.
    """

    def __init__(
        self, app: ASGIApp, small_bytes: int, upload_bytes: int, upload_paths: frozenset[str]
    ):
        self.app, self.small_bytes, self.upload_bytes = app, small_bytes, upload_bytes
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_bytes if scope["path"] in self.upload_paths else self.small_bytes
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > limit:
            await JSONResponse({"detail": TOO_LARGE}, status_code=413)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise HTTPException(413, TOO_LARGE)
            return message

        await self.app(scope, counted, send)


def create_app(
    settings: Settings,
    runner_factory: RunnerFactory | None = None,
    *,
    session_factory: sessionmaker[Session] | None = None,
    dispatcher: Dispatcher | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> FastAPI:
    """Build the service. Nothing starts until the app's lifespan begins (uvicorn or a test
    client): then problems are synced, the runner and judge pool (embedded) or the broker
    connection (production) come up, and the sweeper starts."""
    engine = None
    if session_factory is None:
        engine = make_engine(settings.database_url)
        session_factory = make_sessionmaker(engine)
    runners = RunnerHolder(runner_factory or import_factory(settings.runner))

    if dispatcher is None:
        if settings.embedded:
            context = JudgingContext(
                session_factory, settings.problems_dir, _LazyRunner(runners), settings.lease_s
            )
            dispatcher = InlineDispatcher(partial(judge_submission, context), settings.workers)
        else:
            from judge.tasks import create_celery

            dispatcher = CeleryDispatcher(create_celery(settings.broker_url or "", settings.queue))
    active_dispatcher = dispatcher

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with transaction(session_factory) as session:
            report = problems.sync(session, settings.problems_dir)
            for error in report.errors:
                log.error("problem package skipped: %s", error)
            if settings.embedded:
                # Only this process judges, so whatever it left queued or judging is orphaned.
                sweep(
                    session,
                    active_dispatcher,
                    lease_s=settings.lease_s,
                    max_attempts=settings.max_attempts,
                    now=_far_future(),
                )
        sweeper = None
        if settings.sweep_interval_s > 0:
            sweeper = Sweeper(
                session_factory,
                active_dispatcher,
                interval_s=settings.sweep_interval_s,
                lease_s=settings.lease_s,
                max_attempts=settings.max_attempts,
            )
            sweeper.start()
        try:
            yield
        finally:
            if sweeper:
                sweeper.stop()
            active_dispatcher.close()
            runners.close()
            if engine is not None:
                engine.dispose()

    app = FastAPI(title="mljudge", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.sessionmaker = session_factory
    app.state.dispatcher = active_dispatcher
    # A broker's probe waits on the network, so it runs beside the requests, not in them.
    app.state.judging = JudgingMonitor(
        session_factory, active_dispatcher, background=not settings.embedded
    )
    app.state.runners = runners
    app.state.clock = clock  # the release schedule's "now"; tests freeze it
    for router in (
        auth_router,
        problems_router,
        submissions_router,
        leaderboard_router,
        admin_router,
        dashboard_router,
        runtime_router,
        health_router,
        web_router,
    ):
        app.include_router(router)
    app.mount("/static", static_files, name="static")
    app.add_middleware(StorableText)  # inside BodySizeLimit, which bounds what it reads
    app.add_middleware(
        BodySizeLimit,
        small_bytes=SMALL_BODY_BYTES + settings.max_code_bytes,
        upload_bytes=settings.max_upload_bytes + 64 * 1024,
        # The API's upload and the admin page's form.
        upload_paths=frozenset({"/api/admin/problems", "/admin/problems/upload"}),
    )
    return app


class _LazyRunner:
    """Starts the runner on the first test judged, so building the app stays cheap."""

    def __init__(self, holder: RunnerHolder):
        self._holder = holder

    def run(self, request: RunRequest) -> RunResult:
        return self._holder.get().run(request)


def _far_future() -> datetime:
    return datetime(9999, 1, 1, tzinfo=UTC)
