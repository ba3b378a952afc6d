"""The FastAPI application, assembled from settings and (for tests) injected parts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session, sessionmaker
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import contract
from app.admin.router import router as admin_router
from app.auth.router import router as auth_router
from app.dashboard.router import router as dashboard_router
from app.db import utcnow
from app.dispatch import Dispatcher
from app.edge import StorableText
from app.health import JudgingMonitor
from app.health import router as health_router
from app.leaderboard.router import router as leaderboard_router
from app.lifecycle import Runtime, build_runtime
from app.metrics.router import router as metrics_router
from app.metrics.service import DatabaseCollector
from app.problems.router import router as problems_router
from app.runners import RunnerFactory
from app.runtime.router import router as runtime_router
from app.settings import Settings
from app.submissions.router import router as submissions_router
from app.web.router import router as web_router
from app.web.router import static_files
from judge.version_cache import VersionCache

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
    connection (production) come up, and the outbox relay and the sweeper start.

    Tests may give the sessions, the transport to the judges (`dispatcher`) and the clock."""
    runtime = build_runtime(
        settings, runner_factory, session_factory=session_factory, transport=dispatcher
    )
    app = FastAPI(title="mljudge", version="0.1.0", lifespan=runtime.lifespan)
    _attach_state(app, runtime, clock)
    _include_routes(app)
    contract.install(app)  # one error body for every route, and the OpenAPI document
    _add_middleware(app, settings)
    return app


def _attach_state(app: FastAPI, runtime: Runtime, clock: Callable[[], datetime]) -> None:
    """What the dependencies in app/deps.py and the pages read from `request.app.state`."""
    app.state.settings = runtime.settings
    app.state.sessionmaker = runtime.sessionmaker
    app.state.dispatcher = runtime.transport
    app.state.outbox = runtime.outbox
    app.state.writer = runtime.writer
    app.state.changes = runtime.changes
    # The problem versions this process serves files of, unpacked from the database.
    app.state.versions = VersionCache(runtime.settings.version_cache_dir)
    # A broker's probe waits on the network, so it runs beside the requests, not in them.
    app.state.judging = JudgingMonitor(
        runtime.sessionmaker, runtime.transport, background=not runtime.settings.embedded
    )
    app.state.metrics = DatabaseCollector(runtime.sessionmaker, app.state.judging)
    app.state.runners = runtime.runners
    app.state.clock = clock  # the release schedule's "now"; tests freeze it


def _include_routes(app: FastAPI) -> None:
    for router in (
        auth_router,
        problems_router,
        submissions_router,
        leaderboard_router,
        admin_router,
        dashboard_router,
        runtime_router,
        health_router,
        metrics_router,
        web_router,
    ):
        app.include_router(router)
    app.mount("/static", static_files, name="static")


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(StorableText)  # inside BodySizeLimit, which bounds what it reads
    app.add_middleware(
        BodySizeLimit,
        small_bytes=SMALL_BODY_BYTES + settings.max_code_bytes,
        upload_bytes=settings.max_upload_bytes + 64 * 1024,
        # The API's upload and the admin page's form.
        upload_paths=frozenset({"/api/admin/problems", "/admin/problems/upload"}),
    )
