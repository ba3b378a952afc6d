"""Fixtures for the service tests.

Every API test runs twice, on SQLite and on the PostgreSQL server of this machine, inside one
outer transaction that is rolled back at the end (SQLAlchemy's "join a session into an external
transaction" recipe): the app's commits only release savepoints.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from app import local_deployment, migrate
from app.auth import service as auth
from app.auth.models import User
from app.db import make_engine, make_sessionmaker, transaction, utcnow
from app.main import create_app
from app.problems import service as problems
from app.settings import Settings
from app.submissions.models import Status, Submission
from tests.app.fakes import FakeRunner, RecordingDispatcher, write_problem

PG_SERVER = os.environ.get("MLJUDGE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("MLJUDGE_TEST_REDIS", "redis://127.0.0.1:6379")


def postgres_database() -> contextlib.AbstractContextManager[str]:
    """A fresh database with a unique name, dropped afterwards, so parallel runs never meet."""
    return local_deployment.postgres_database(PG_SERVER, "mljudge_test")


@pytest.fixture(scope="session")
def problems_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("problems")
    write_problem(root, "echo", title="Echo", section=3, points=100)
    write_problem(
        root,
        "echo-en",
        title="Echo in English",
        section=1,
        points=50,
        tests={"a": "1", "b": "2"},
        samples=("a",),
        japanese=False,
    )
    return root


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'api.db'}"
        migrate.upgrade(url)
        yield url
        return
    with postgres_database() as url:
        migrate.upgrade(url)
        yield url


def _savepoint_capable(engine: Engine) -> Engine:
    """pysqlite begins transactions lazily and breaks SAVEPOINT; let SQLAlchemy emit BEGIN."""
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _no_implicit_begin(dbapi_connection, _record):  # type: ignore[no-untyped-def]
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _explicit_begin(connection):  # type: ignore[no-untyped-def]
            connection.exec_driver_sql("BEGIN")

    return engine


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = _savepoint_capable(make_engine(database_url))
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> Iterator[sessionmaker[Session]]:
    connection = engine.connect()
    outer = connection.begin()
    yield make_sessionmaker(connection, join_transaction_mode="create_savepoint")
    outer.rollback()
    connection.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_factory(
    request: pytest.FixtureRequest, tmp_path: Path, problems_dir: Path
) -> Iterator[sessionmaker[Session]]:
    """Sessions of a database of the test's own, problems synced and `alice` registered, for
    tests that need real connections in several threads (the rolled-back one is a single one)."""
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / 'fresh.db'}"
        else:
            url = stack.enter_context(postgres_database())
        migrate.upgrade(url)
        engine = make_engine(url)
        stack.callback(engine.dispose)
        factory = make_sessionmaker(engine)
        with transaction(factory) as session:
            problems.sync(session, problems_dir)
            auth.create_user(session, "alice", "correct-horse-battery")
        yield factory


def queue_submissions(
    factory: sessionmaker[Session], count: int, code: str = "#fake ECHO\n"
) -> list[int]:
    """`count` queued submissions of `alice` to `echo`, as a request stores them."""
    with transaction(factory) as session:
        user_id = session.scalar(select(User.id).where(User.username == "alice"))
        rows = [
            Submission(
                user_id=user_id,
                problem_id="echo",
                code=code,
                status=Status.QUEUED,
                max_score=100,
                lease_expires_at=utcnow() + timedelta(seconds=60),
            )
            for _ in range(count)
        ]
        session.add_all(rows)
        session.flush()
        return [row.id for row in rows]


@pytest.fixture(scope="session")
def version_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared by the tests: a version is the same files whichever test stored it."""
    return tmp_path_factory.mktemp("problem-versions")


@pytest.fixture
def settings(problems_dir: Path, version_cache_dir: Path) -> Settings:
    return Settings(
        database_url="sqlite:///unused-the-tests-inject-sessions.db",
        problems_dir=problems_dir,
        version_cache_dir=version_cache_dir,
        sweep_interval_s=0,
        # The tests share one connection: no relay thread, each commit sends in the caller.
        relay_interval_s=0,
        workers=1,
        submission_rate_count=5,
        submission_rate_window_s=60,
    )


@pytest.fixture
def runner() -> FakeRunner:
    return FakeRunner()


@pytest.fixture
def dispatcher() -> RecordingDispatcher:
    return RecordingDispatcher()


@pytest.fixture
def client(settings, session_factory, runner, dispatcher) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    app = create_app(
        settings, lambda: runner, session_factory=session_factory, dispatcher=dispatcher
    )
    with TestClient(app) as test_client:  # runs the lifespan: problems are synced
        yield test_client


class Accounts:
    """Registers users through the API (admins through the service, as the CLI does)."""

    def __init__(self, client: TestClient, factory: sessionmaker[Session]):
        self.client, self.factory = client, factory

    def token(self, username: str, password: str) -> dict[str, str]:
        response = self.client.post("/api/token", data={"username": username, "password": password})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    def user(self, username: str = "alice") -> dict[str, str]:
        password = "correct-horse-battery"
        response = self.client.post("/api/users", json={"username": username, "password": password})
        assert response.status_code == 201, response.text
        return self.token(username, password)

    def admin(self, username: str = "root") -> dict[str, str]:
        password = "correct-horse-battery"
        with transaction(self.factory) as session:
            auth.create_user(session, username, password, is_admin=True)
        return self.token(username, password)


@pytest.fixture
def accounts(client: TestClient, session_factory: sessionmaker[Session]) -> Accounts:
    return Accounts(client, session_factory)


@pytest.fixture
def judge_queued(settings, session_factory, runner, dispatcher):  # type: ignore[no-untyped-def]
    """Judge every enqueued submission now, in the test's transaction, as a worker would."""
    from app.submissions.judging import context_from_settings, judge_submission

    context = context_from_settings(settings, session_factory, runner)

    def run() -> list[int]:
        done = list(dispatcher.enqueued)
        dispatcher.enqueued.clear()
        for submission_id in done:
            judge_submission(context, submission_id)
        return done

    return run
