"""Engine, sessions and the declarative base.

The request (or the judging task) owns the transaction: services add, flush and query, but never
commit. Work that must only happen once the data is durable (waking the outbox relay to send a
submission) is registered with `after_commit` and runs after the owner commits.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Self

from sqlalchemy import DateTime, Engine, MetaData, create_engine, event, make_url
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


# For ORM UPDATEs on a hot path (the outbox relay's), run in short sessions that hold no object
# of the table to bring up to date: letting the ORM look for them (its default) costs about a
# millisecond a statement. (The judges' statements are Core ones: app/submissions/leases.py.)
NO_SESSION_SYNC = {"synchronize_session": False}


def utcnow() -> datetime:
    return datetime.now(UTC)


# pysqlite opens a transaction (a deferred BEGIN) before these statements only.
_DML = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE"})
# Statements that never write: transaction control, reads and the connection's own settings.
_NOT_WRITING = frozenset(
    {"SELECT", "PRAGMA", "EXPLAIN", "BEGIN", "SAVEPOINT", "RELEASE", "COMMIT", "END", "ROLLBACK"}
)
_FIRST_WORD = re.compile(r"\s*(\w+)")
SQLITE_WAIT_S = 30.0


class SingleWriterConnection(sqlite3.Connection):
    """A pysqlite connection that writes only while holding its database's writer lock.

    SQLite has one write lock per file, and a connection that finds it taken sleeps in SQLite's
    busy handler, polling in growing steps of up to 100 ms, in no order: under a burst some
    writers waited seconds while others got in again and again. So the threads of this process
    queue on a lock of their own instead, taken before a connection's first write and given back
    when its transaction ends (commit, rollback, or the statement outside a transaction done),
    and the transaction starts as BEGIN IMMEDIATE where pysqlite would open a deferred one, so
    SQLite's write lock is taken at once too: the only wait left inside SQLite is for another
    process (the CLI, a migration), covered by the busy timeout. Reads never take the lock: under
    WAL they never wait for the writer.
    """

    writer_lock: threading.Lock  # set per database by `_connection_class`
    holds_writer_lock = False

    def cursor(self, factory: Any = None) -> Any:
        return super().cursor(factory or _SingleWriterCursor)

    # The C shortcuts would bypass `cursor()`.
    def execute(self, sql: str, *parameters: Any) -> sqlite3.Cursor:
        return self.cursor().execute(sql, *parameters)

    def executemany(self, sql: str, *parameters: Any) -> sqlite3.Cursor:
        return self.cursor().executemany(sql, *parameters)

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        return self.cursor().executescript(script)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.release_if_done()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.release_if_done()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._release()

    def before(self, sql: str) -> None:
        """Called before each statement: take the writer lock for the first write."""
        first_word = _FIRST_WORD.match(sql)
        verb = first_word.group(1).upper() if first_word else ""
        if verb in _NOT_WRITING or self.holds_writer_lock:
            return
        if not self.writer_lock.acquire(timeout=SQLITE_WAIT_S):
            raise sqlite3.OperationalError(
                f"database is locked (no write turn in this process within {SQLITE_WAIT_S:.0f} s)"
            )
        self.holds_writer_lock = True
        if verb in _DML and self.isolation_level is not None and not self.in_transaction:
            try:
                super().cursor().execute("BEGIN IMMEDIATE")
            except BaseException:
                self._release()
                raise

    def release_if_done(self) -> None:
        if self.holds_writer_lock and not self.in_transaction:
            self._release()

    def _release(self) -> None:
        if self.holds_writer_lock:
            self.holds_writer_lock = False
            self.writer_lock.release()


class _SingleWriterCursor(sqlite3.Cursor):
    connection: SingleWriterConnection

    def execute(self, sql: str, *parameters: Any) -> Self:
        self.connection.before(sql)
        try:
            return super().execute(sql, *parameters)
        finally:
            self.connection.release_if_done()

    def executemany(self, sql: str, *parameters: Any) -> Self:
        self.connection.before(sql)
        try:
            return super().executemany(sql, *parameters)
        finally:
            self.connection.release_if_done()

    def executescript(self, script: str, /) -> sqlite3.Cursor:
        self.connection.before("SCRIPT")  # may write anything
        try:
            return super().executescript(script)
        finally:
            self.connection.release_if_done()


_writer_locks: dict[str, threading.Lock] = {}
_writer_locks_guard = threading.Lock()


def _connection_class(database: str) -> type[SingleWriterConnection]:
    """The connection class of one database file: every engine on it in this process shares
    its writer lock (an in-memory database is private to its engine)."""
    key = os.path.realpath(database) if database and database != ":memory:" else None
    with _writer_locks_guard:
        lock = _writer_locks.setdefault(key, threading.Lock()) if key else threading.Lock()
    return type("SingleWriterConnection", (SingleWriterConnection,), {"writer_lock": lock})


def make_engine(url: str) -> Engine:
    # The pool never makes a thread wait (max_overflow=-1): a request holds its connection from
    # its first query to its commit, across awaits, and a worker thread blocked on a full pool
    # could be the very thread another request needs to commit and give a connection back.
    if url.startswith("sqlite"):
        database = make_url(url).database or ""
        engine = create_engine(
            url,
            connect_args={
                "check_same_thread": False,
                "timeout": SQLITE_WAIT_S,  # the busy timeout: another process's write
                "factory": _connection_class(database),
            },
            pool_size=10,
            max_overflow=-1,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL syncs at checkpoints rather than at every commit: a crash of the
            # process loses nothing and the file is never corrupted; only a power cut or an OS
            # crash may undo the last commits before it.
            cursor.execute("PRAGMA synchronous=NORMAL")
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
