"""New submissions are stored by one writer thread, many per transaction (app/submissions/
writer.py): each request still gets its own answer, rules hold per submission, and one bad row
costs only its own request. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from app.auth.models import User
from app.db import transaction
from app.settings import Settings
from app.submissions.models import Status, Submission
from app.submissions.writer import (
    IdempotencyKeyReused,
    NewSubmission,
    RateLimited,
    Stored,
    SubmissionWriter,
    WriterStopped,
    store_batch,
)
from tests.app.conftest import Accounts


class _Outbox:
    def __init__(self) -> None:
        self.wakes = 0

    def wake(self) -> None:
        self.wakes += 1


@pytest.fixture
def limits(problems_dir: Path) -> Settings:
    return Settings(
        database_url="sqlite:///unused.db",
        problems_dir=problems_dir,
        submission_rate_count=3,
        submission_rate_window_s=60,
    )


def _alice(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        user_id = session.scalar(select(User.id).where(User.username == "alice"))
        assert user_id is not None
        return user_id


def _new(user_id: int, code: str = "print(1)", key: str | None = None) -> NewSubmission:
    return NewSubmission(user_id, "echo", code, 100.0, key)


def _count(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as session:
        return session.scalar(select(func.count()).select_from(Submission)) or 0


def test_one_batch_answers_each_submission_by_its_own_rules(
    fresh_factory: sessionmaker[Session], limits: Settings
) -> None:
    alice = _alice(fresh_factory)
    batch = [
        _new(alice, "a", key="k1"),
        _new(alice, "a", key="k1"),  # its retry, in the same batch: the same submission
        _new(alice, "b", key="k1"),  # the key again with other code
        _new(alice, "c"),
        _new(alice, "d"),
        _new(alice, "e"),  # the fourth in the window: over the limit of 3
    ]
    with transaction(fresh_factory) as session:
        outcomes = store_batch(session, batch, limits)
    first, retry, reused, third, fourth, over = outcomes
    assert isinstance(first, Stored) and first.status == Status.QUEUED
    assert retry == first
    assert isinstance(reused, IdempotencyKeyReused) and reused.submission_id == first.id
    assert isinstance(third, Stored) and isinstance(fourth, Stored)
    assert isinstance(over, RateLimited) and 1 <= over.retry_after_s <= 60
    assert _count(fresh_factory) == 3
    # The key still names its submission in the next batch.
    with transaction(fresh_factory) as session:
        assert store_batch(session, [_new(alice, "a", key="k1")], limits) == [first]


def test_a_failing_batch_is_stored_one_by_one(
    fresh_factory: sessionmaker[Session], limits: Settings
) -> None:
    alice = _alice(fresh_factory)
    writer = SubmissionWriter(fresh_factory, limits, _Outbox())  # type: ignore[arg-type]
    writer.start()
    try:
        gate = threading.Barrier(2)

        def store(new: NewSubmission) -> Stored | Exception:
            gate.wait()
            try:
                return writer.store(new)
            except Exception as exc:  # noqa: BLE001 - the answer under test
                return exc

        # A user who does not exist breaks the INSERT (foreign key) of whatever batch holds it.
        with ThreadPoolExecutor(2) as pool:
            good, bad = pool.map(store, [_new(alice), _new(alice + 1000)])
    finally:
        writer.stop()
    assert isinstance(good, Stored)
    assert isinstance(bad, Exception) and not isinstance(bad, Stored)
    assert _count(fresh_factory) == 1


def test_many_requests_at_once_are_all_stored_and_the_limit_holds(
    fresh_factory: sessionmaker[Session], limits: Settings
) -> None:
    alice = _alice(fresh_factory)
    outbox = _Outbox()
    settings = limits.model_copy(update={"submission_rate_count": 25})
    writer = SubmissionWriter(fresh_factory, settings, outbox)  # type: ignore[arg-type]
    writer.start()
    try:
        with ThreadPoolExecutor(16) as pool:
            outcomes = list(pool.map(lambda i: _try(writer, _new(alice, f"v{i}")), range(40)))
    finally:
        writer.stop()
    stored = [o for o in outcomes if isinstance(o, Stored)]
    assert len(stored) == 25 and len({o.id for o in stored}) == 25
    assert sum(isinstance(o, RateLimited) for o in outcomes) == 15
    assert _count(fresh_factory) == 25
    assert outbox.wakes >= 1  # each commit wakes the relay


def _try(writer: SubmissionWriter, new: NewSubmission) -> Stored | Exception:
    try:
        return writer.store(new)
    except RateLimited as exc:
        return exc


def test_a_stopped_writer_refuses_instead_of_hanging(
    fresh_factory: sessionmaker[Session], limits: Settings
) -> None:
    writer = SubmissionWriter(fresh_factory, limits, _Outbox())  # type: ignore[arg-type]
    with pytest.raises(WriterStopped):
        writer.store(_new(_alice(fresh_factory)))
    writer.start()
    writer.stop()
    with pytest.raises(WriterStopped):
        writer.store(_new(_alice(fresh_factory)))


def test_a_submission_while_shutting_down_is_a_503(client: TestClient, accounts: Accounts) -> None:
    headers = accounts.user()
    client.app.state.writer.stop()  # type: ignore[attr-defined]
    response = client.post(
        "/api/submissions", json={"problem_id": "echo", "code": "print(1)"}, headers=headers
    )
    assert response.status_code == 503
    assert "shutting down" in response.json()["detail"]
    client.app.state.writer.start()  # type: ignore[attr-defined]
