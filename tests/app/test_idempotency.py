"""POST /api/submissions with an Idempotency-Key: a client's retry never makes a second row."""

from __future__ import annotations

import threading
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from app.db import transaction, utcnow
from app.main import create_app
from app.submissions.models import Submission
from tests.app.fakes import FakeRunner, RecordingDispatcher

AC = "#fake ECHO\n"


def submit(client, headers, key, code=AC, problem_id="echo"):
    return client.post(
        "/api/submissions",
        json={"problem_id": problem_id, "code": code},
        headers={**headers, "Idempotency-Key": key},
    )


def stored(factory):
    with transaction(factory) as session:
        return session.scalar(select(func.count()).select_from(Submission))


def test_a_retry_with_the_same_key_returns_the_first_submission(
    client, accounts, dispatcher, session_factory, judge_queued
):
    alice = accounts.user("alice")
    first = submit(client, alice, "7b0c6b1e-retry")
    again = submit(client, alice, "7b0c6b1e-retry")
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert stored(session_factory) == 1 and dispatcher.enqueued == [first.json()["id"]]
    judge_queued()
    later = submit(client, alice, "7b0c6b1e-retry")  # its current status
    assert later.status_code == 202 and later.json() == {"id": first.json()["id"], "status": "done"}


def test_keys_are_per_user_and_bound_to_their_code(client, accounts, session_factory):
    alice, bob = accounts.user("alice"), accounts.user("bob")
    mine = submit(client, alice, "k1").json()["id"]
    assert submit(client, bob, "k1").json()["id"] != mine
    reused = submit(client, alice, "k1", code="#fake ECHO\nprint(1)\n")
    assert reused.status_code == 409
    assert f"used for submission {mine}" in reused.json()["detail"]
    assert submit(client, alice, "k1", problem_id="echo-en").status_code == 409
    assert submit(client, alice, "k2").json()["id"] != mine
    assert stored(session_factory) == 3


def test_a_retry_is_not_refused_by_the_rate_limit(client, accounts, settings):
    alice = accounts.user("alice")
    ids = [submit(client, alice, f"key-{n}").json()["id"] for n in range(5)]
    assert submit(client, alice, "key-5").status_code == 429  # the sixth in a minute
    replay = submit(client, alice, "key-4")
    assert replay.status_code == 202 and replay.json()["id"] == ids[-1]


def test_a_key_older_than_a_day_makes_a_new_submission(client, accounts, session_factory):
    alice = accounts.user("alice")
    old = submit(client, alice, "daily").json()["id"]
    with transaction(session_factory) as session:
        session.execute(
            update(Submission).values(created_at=utcnow() - timedelta(days=1, seconds=1))
        )
    new = submit(client, alice, "daily")
    assert new.status_code == 202 and new.json()["id"] != old
    with transaction(session_factory) as session:
        assert session.get(Submission, old).idempotency_key is None
        assert session.get(Submission, new.json()["id"]).idempotency_key == "daily"


def test_malformed_keys_are_refused(client, accounts, session_factory):
    alice = accounts.user("alice")
    for key in ("", "a" * 65, "two words", "\t"):
        response = submit(client, alice, key)
        assert response.status_code == 422, (key, response.text)
    assert submit(client, alice, "a" * 64).status_code == 202
    assert stored(session_factory) == 1
    parameters = client.get("/openapi.json").json()["paths"]["/api/submissions"]["post"][
        "parameters"
    ]
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in parameters)


def test_parallel_retries_make_one_submission(fresh_factory, settings):
    """The same key sent at once from several connections: one row (the user's row lock orders
    them; the unique key backs it), and every answer names it."""
    dispatcher = RecordingDispatcher()
    app = create_app(settings, FakeRunner, session_factory=fresh_factory, dispatcher=dispatcher)
    with TestClient(app) as client:
        token = client.post(
            "/api/token", data={"username": "alice", "password": "correct-horse-battery"}
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        start = threading.Barrier(6)
        answers = []

        def post():
            start.wait()
            answers.append(submit(client, headers, "same-everywhere"))

        threads = [threading.Thread(target=post) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [a.status_code for a in answers] == [202] * 6
    assert len({a.json()["id"] for a in answers}) == 1
    assert stored(fresh_factory) == 1 and len(dispatcher.enqueued) == 1
