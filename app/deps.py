"""Request-scoped dependencies shared by the feature routers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.db import abandon, commit
from app.settings import Settings
from app.submissions.outbox import OutboxRelay


async def _session(request: Request) -> AsyncIterator[Session]:
    # Making a Session does no I/O (it connects on first use), so only the end of the unit of
    # work goes to a worker thread: one thread hop per request instead of two.
    session = request.app.state.sessionmaker()
    try:
        yield session
    except BaseException:
        await run_in_threadpool(abandon, session)
        raise
    await run_in_threadpool(commit, session)


# scope="function": commit before the response is sent, so a client that got 202 can read the row.
DbSession = Annotated[Session, Depends(_session, scope="function")]


# Dependencies that do no I/O are `async def`: FastAPI would run a plain `def` in a worker
# thread, a hop that costs more than the function itself.
async def _settings(request: Request) -> Settings:
    return request.app.state.settings


async def _outbox(request: Request) -> OutboxRelay:
    return request.app.state.outbox


AppSettings = Annotated[Settings, Depends(_settings)]
AppOutbox = Annotated[OutboxRelay, Depends(_outbox)]
