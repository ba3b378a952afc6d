"""Request-scoped dependencies shared by the feature routers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.db import abandon, commit
from app.settings import Settings
from app.submissions.outbox import OutboxRelay
from app.submissions.writer import SubmissionWriter


async def _session(request: Request) -> AsyncIterator[Session]:
    # Making a Session does no I/O (it connects on first use), so only the end of the unit of
    # work goes to a worker thread: one thread hop per request instead of two.
    session = request.app.state.sessionmaker()
    try:
        yield session
    except BaseException:
        await _finish(abandon, session)
        raise
    await _finish(commit, session)


async def _finish(end: Callable[[Session], None], session: Session) -> None:
    # Not from the request threads' pool: a session that wrote holds the database's write lock
    # (SQLite) or a row lock (PostgreSQL) until this runs, and every thread of that pool may be
    # a request waiting for that very lock. A limiter of its own per call, as FastAPI does for
    # the exit of its own dependencies, lets the end of a unit of work always run.
    await anyio.to_thread.run_sync(end, session, limiter=CapacityLimiter(1))


# scope="function": commit before the response is sent, so a client that got 202 can read the row.
DbSession = Annotated[Session, Depends(_session, scope="function")]


# Dependencies that do no I/O are `async def`: FastAPI would run a plain `def` in a worker
# thread, a hop that costs more than the function itself.
async def _settings(request: Request) -> Settings:
    return request.app.state.settings


async def _outbox(request: Request) -> OutboxRelay:
    return request.app.state.outbox


async def _writer(request: Request) -> SubmissionWriter:
    return request.app.state.writer


AppSettings = Annotated[Settings, Depends(_settings)]
AppOutbox = Annotated[OutboxRelay, Depends(_outbox)]
AppWriter = Annotated[SubmissionWriter, Depends(_writer)]
