"""Many writers at once: SQLite's writers queue on one lock per process instead of polling in
SQLite's busy handler; a burst of submissions larger than the request thread pool is accepted
whole; no write is held across slow work (a problems sync). The last two on SQLite and on
PostgreSQL."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, func, select, text, update

from app import migrate
from app.db import make_engine, make_sessionmaker, transaction
from app.main import create_app
from app.problems import service as problems
from app.problems.models import ProblemRecord
from app.settings import Settings
from app.submissions.models import Submission
from judge.problemset import Problem
from tests.app.conftest import postgres_database
from tests.app.fakes import FakeRunner, RecordingDispatcher, write_problem

PASSWORD = "correct-horse-battery"


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'writers.db'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE rows (id INTEGER PRIMARY KEY, writer INTEGER)")
        connection.exec_driver_sql("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)")
        connection.exec_driver_sql("INSERT INTO counter (id, n) VALUES (1, 0)")
    yield engine
    engine.dispose()


def test_the_pragmas_are_in_effect(sqlite_engine: Engine) -> None:
    names = ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
    with sqlite_engine.connect() as connection:
        found = [connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in names]
    assert found == ["wal", 1, 30_000, 1]  # synchronous 1: NORMAL


def test_a_write_transaction_begins_immediate(sqlite_engine: Engine) -> None:
    statements: list[str] = []
    with sqlite_engine.connect() as connection:
        connection.connection.dbapi_connection.set_trace_callback(statements.append)  # type: ignore[union-attr]
        connection.exec_driver_sql("SELECT count(*) FROM rows").scalar()
        connection.exec_driver_sql("INSERT INTO rows (writer) VALUES (1)")
        connection.exec_driver_sql("UPDATE counter SET n = n + 1")
        connection.commit()
        connection.connection.dbapi_connection.set_trace_callback(None)  # type: ignore[union-attr]
    # The read runs on its own (pysqlite opens transactions for writes only), and the write
    # transaction takes SQLite's write lock at its BEGIN, not part-way through.
    assert statements == [
        "SELECT count(*) FROM rows",
        "BEGIN IMMEDIATE",
        "INSERT INTO rows (writer) VALUES (1)",
        "UPDATE counter SET n = n + 1",
        "COMMIT",
    ]


def test_reads_do_not_wait_for_a_writer(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as writer:
        writer.exec_driver_sql("INSERT INTO rows (writer) VALUES (1)")  # holds the write lock
        with sqlite_engine.connect() as reader:  # would wait for the writer if reads queued
            assert reader.exec_driver_sql("SELECT count(*) FROM rows").scalar() == 0
        writer.commit()
    with sqlite_engine.connect() as reader:
        assert reader.exec_driver_sql("SELECT count(*) FROM rows").scalar() == 1


def test_concurrent_writers_queue_and_all_their_rows_land(sqlite_engine: Engine) -> None:
    # No busy timeout: if two of these threads ever met inside SQLite, the second would get
    # "database is locked" at once. They must have queued on the process's writer lock instead.
    @event.listens_for(sqlite_engine, "connect")
    def _no_busy_wait(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA busy_timeout=0")

    sqlite_engine.dispose()  # reconnect with the listener
    factory = make_sessionmaker(sqlite_engine)
    writers, transactions = 16, 40
    failures: list[BaseException] = []
    stop_reading = threading.Event()

    def write(writer: int) -> None:
        try:
            for _ in range(transactions):
                with transaction(factory) as session:
                    session.execute(text("INSERT INTO rows (writer) VALUES (:w)"), {"w": writer})
                    session.execute(text("UPDATE counter SET n = n + 1 WHERE id = 1"))
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            failures.append(exc)

    def read() -> None:
        try:
            while not stop_reading.is_set():
                with transaction(factory) as session:
                    session.execute(text("SELECT count(*) FROM rows")).scalar()
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(write, range(writers)))
    stop_reading.set()
    for thread in readers:
        thread.join()
    assert failures == []
    with transaction(factory) as session:
        assert session.execute(text("SELECT count(*) FROM rows")).scalar() == writers * transactions
        assert session.execute(text("SELECT n FROM counter")).scalar() == writers * transactions
        per_writer = session.execute(text("SELECT writer, count(*) FROM rows GROUP BY writer"))
        assert dict(per_writer.all()) == dict.fromkeys(range(writers), transactions)


def test_a_failed_write_gives_the_writer_lock_back(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as connection:
        connection.exec_driver_sql("INSERT INTO counter (id, n) VALUES (2, 0)")
        with pytest.raises(Exception, match="UNIQUE"):
            connection.exec_driver_sql("INSERT INTO counter (id, n) VALUES (2, 0)")
        connection.rollback()
    # Another thread writes: it would wait 30 s and fail if the lock had been kept.
    failures: list[BaseException] = []

    def write() -> None:
        try:
            with sqlite_engine.begin() as other:
                other.exec_driver_sql("INSERT INTO rows (writer) VALUES (7)")
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    thread = threading.Thread(target=write)
    thread.start()
    thread.join()
    assert failures == []


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def own_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of this test's own: the burst commits for real, so no rolled-back fixture."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'burst.db'}"
        migrate.upgrade(url)
        yield url
        return
    with postgres_database() as url:
        migrate.upgrade(url)
        # A lock wait gives up after 30 s, as SQLite's writers do: a deadlock fails the test
        # instead of hanging it.
        yield f"{url}?options=-c%20lock_timeout%3D30000"


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def api_submitter(client: TestClient) -> Callable[[], int]:
    client.post("/api/users", json={"username": "alice", "password": PASSWORD})
    token = client.post("/api/token", data={"username": "alice", "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    body = {"problem_id": "echo", "code": "#fake ECHO"}
    return lambda: client.post("/api/submissions", headers=headers, json=body).status_code


def page_submitter(client: TestClient) -> Callable[[], int]:
    """The problem page's form, as a browser sends it. Its answer is a redirect, so nothing
    but the session's commit comes after the endpoint."""
    form = {"username": "alice", "password": PASSWORD}
    form["csrf_token"] = CSRF.findall(client.get("/register").text)[0]
    assert client.post("/register", data=form, follow_redirects=False).status_code == 303
    data = {"code": "#fake ECHO", "csrf_token": CSRF.findall(client.get("/problems/echo").text)[0]}
    return lambda: (
        client.post("/problems/echo/submit", data=data, follow_redirects=False).status_code
    )


@pytest.mark.parametrize(
    ("submitter", "accepted"), [(api_submitter, 202), (page_submitter, 303)], ids=["api", "page"]
)
def test_a_burst_larger_than_the_request_thread_pool_is_accepted_whole(
    own_database_url: str,
    problems_dir: Path,
    submitter: Callable[[TestClient], Callable[[], int]],
    accepted: int,
) -> None:
    # More submissions at once than the 40 threads requests run in, all from one user: each
    # waits for the user's lock (the write lock on SQLite, the user's row on PostgreSQL) in a
    # thread of its own, so the one holding it must commit without needing another thread.
    burst = 100
    settings = Settings(
        database_url=own_database_url,
        problems_dir=problems_dir,
        workers=1,
        sweep_interval_s=0,
        submission_rate_count=burst,
    )
    app = create_app(settings, FakeRunner, dispatcher=RecordingDispatcher())
    with TestClient(app) as client:
        submit = submitter(client)
        with ThreadPoolExecutor(burst) as pool:
            statuses = list(pool.map(lambda _: submit(), range(burst)))
    assert statuses == [accepted] * burst
    engine = make_engine(own_database_url)
    try:
        with transaction(make_sessionmaker(engine)) as session:
            assert session.scalar(select(func.count()).select_from(Submission)) == burst
    finally:
        engine.dispose()


def test_a_sync_reads_every_package_before_it_writes(
    own_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Reading the packages takes seconds; a submission arriving meanwhile must not wait for it.
    for problem_id in ("a", "b", "c"):
        write_problem(tmp_path / "problems", problem_id)
    engine = make_engine(own_database_url)
    factory = make_sessionmaker(engine)
    try:
        with transaction(factory) as session:
            problems.sync(session, tmp_path / "problems")
        write_problem(tmp_path / "problems", "a", title="Echo, revised")
        real_load = problems.load_problem

        def load_while_someone_writes(folder: Path) -> Problem:
            # Another writer, here as a submission would: it waits (and fails after 30 s) if
            # the sync holds the write lock, or on PostgreSQL the row of "a", while it reads.
            with transaction(factory) as other:
                other.execute(
                    update(ProblemRecord).where(ProblemRecord.id == "a").values(points=100)
                )
            return real_load(folder)

        monkeypatch.setattr(problems, "load_problem", load_while_someone_writes)
        with transaction(factory) as session:
            report = problems.sync(session, tmp_path / "problems")
        assert (report.updated, report.unchanged) == (["a"], ["b", "c"])
    finally:
        engine.dispose()
