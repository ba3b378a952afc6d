"""Request-scoped dependencies shared by the feature routers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.db import transaction
from app.dispatch import Dispatcher
from app.settings import Settings


def _session(request: Request) -> Iterator[Session]:
    with transaction(request.app.state.sessionmaker) as session:
        yield session


# scope="function": commit before the response is sent, so a client that got 202 can read the row.
DbSession = Annotated[Session, Depends(_session, scope="function")]


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _dispatcher(request: Request) -> Dispatcher:
    return request.app.state.dispatcher


AppSettings = Annotated[Settings, Depends(_settings)]
AppDispatcher = Annotated[Dispatcher, Depends(_dispatcher)]
