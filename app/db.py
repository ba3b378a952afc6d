"""Engine, sessions and the declarative base.

The request (or the judging task) owns the transaction: services add, flush and query, but never
commit. Work that must only happen once the data is durable (waking the outbox relay to send a
submission) is registered with `after_commit` and runs after the owner commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes everywhere; SQLite would otherwise hand back naive ones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_engine(url: str) -> Engine:
    # The pool never makes a thread wait (max_overflow=-1): a request holds its connection from
    # its first query to its commit, across awaits, and a worker thread blocked on a full pool
    # could be the very thread another request needs to commit and give a connection back.
    if url.startswith("sqlite"):
        # Judging threads and request threads share the file; wait for the writer, don't fail.
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=10,
            max_overflow=-1,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=-1)


def make_sessionmaker(bind: object, **options: object) -> sessionmaker[Session]:
    # Objects stay readable after commit: responses are built from them after the request commits.
    return sessionmaker(bind=bind, expire_on_commit=False, **options)  # type: ignore[call-overload]


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run `callback` once the owner of `session` has committed (dropped on rollback)."""
    session.info.setdefault("after_commit", []).append(callback)


def commit(session: Session) -> None:
    """Commit, close, then run the after-commit callbacks."""
    try:
        session.commit()
    except BaseException:
        abandon(session)
        raise
    callbacks = session.info.pop("after_commit", [])
    session.close()
    for callback in callbacks:
        callback()


def abandon(session: Session) -> None:
    """Roll back and close; the after-commit callbacks are dropped."""
    session.info.pop("after_commit", None)
    session.rollback()
    session.close()


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work: commit on success, roll back on error, then run after-commit callbacks."""
    session = factory()
    try:
        yield session
    except BaseException:
        abandon(session)
        raise
    commit(session)
