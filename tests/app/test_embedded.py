"""Embedded mode end to end: a SQLite file, judges in a thread pool, nothing injected but the
runner. The dispatcher, sweeper and lifespan are the real ones."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from app import migrate
from app.db import make_engine, make_sessionmaker, transaction
from app.main import create_app
from app.settings import Settings
from app.submissions import events
from app.submissions.models import Status, Submission
from tests.app.fakes import FakeRunner


def make_settings(tmp_path, problems_dir, **overrides):
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'embedded.db'}",
        problems_dir=problems_dir,
        workers=2,
        **overrides,
    )


def login(client):
    client.post("/api/users", json={"username": "alice", "password": "correct-horse-battery"})
    token = client.post(
        "/api/token", data={"username": "alice", "password": "correct-horse-battery"}
    ).json()
    return {"Authorization": f"Bearer {token['access_token']}"}


def wait_done(client, headers, submission_id, timeout_s=10.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        body = client.get(f"/api/submissions/{submission_id}", headers=headers).json()
        if body["status"] == "done":
            return body
        time.sleep(0.05)
    raise AssertionError(f"submission {submission_id} still {body['status']}")


def test_submissions_are_judged_in_process_with_live_events(tmp_path, problems_dir):
    settings = make_settings(tmp_path, problems_dir)
    migrate.upgrade(settings.database_url)
    runner = FakeRunner()
    with TestClient(create_app(settings, lambda: runner)) as client:
        headers = login(client)
        ids = [
            client.post(
                "/api/submissions", headers=headers, json={"problem_id": "echo", "code": code}
            ).json()["id"]
            for code in ("#fake SLEEP 0.5", "wrong", "#fake TLE")
        ]
        # Events stream while the slow one is judged: three tests, then done.
        with client.stream("GET", f"/api/submissions/{ids[0]}/events", headers=headers) as stream:
            names = [
                line[len("event: ") :] for line in stream.iter_lines() if line.startswith("event: ")
            ]
        assert names[0] == "status" and names[-4:] == ["test", "test", "test", "done"]
        verdicts = [wait_done(client, headers, i)["verdict"] for i in ids]
        assert verdicts == ["AC", "WA", "TLE"]
        assert client.get("/healthz").json()["status"] == "ok"


def test_the_event_stream_is_woken_by_the_judges_commits_not_by_its_poll(
    tmp_path, problems_dir, monkeypatch
):
    """Embedded: each test and the verdict reach the stream when the judge commits them, even
    with the stream's own look at the database put off for 30 s."""
    monkeypatch.setattr(events, "POLL_MIN_S", 30.0)
    monkeypatch.setattr(events, "POLL_MAX_S", 30.0)
    settings = make_settings(tmp_path, problems_dir)
    migrate.upgrade(settings.database_url)
    with TestClient(create_app(settings, FakeRunner)) as client:
        headers = login(client)
        submission_id = client.post(
            "/api/submissions",
            headers=headers,
            json={"problem_id": "echo", "code": "#fake SLEEP 0.3"},
        ).json()["id"]
        started = time.monotonic()
        path = f"/api/submissions/{submission_id}/events"
        with client.stream("GET", path, headers=headers) as stream:
            names = [
                line[len("event: ") :] for line in stream.iter_lines() if line.startswith("event: ")
            ]
        assert names[-4:] == ["test", "test", "test", "done"]
        assert time.monotonic() - started < 10  # 3 tests of 0.3 s, not a 30 s poll


def test_work_left_behind_by_a_crash_is_judged_on_start(tmp_path, problems_dir):
    settings = make_settings(tmp_path, problems_dir, sweep_interval_s=0)
    migrate.upgrade(settings.database_url)
    with TestClient(create_app(settings, FakeRunner)) as client:
        headers = login(client)
    engine = make_engine(settings.database_url)
    with transaction(make_sessionmaker(engine)) as session:
        from sqlalchemy import select

        from app.auth.models import User

        user_id = session.scalar(select(User.id))
        for status in (Status.QUEUED, Status.JUDGING):
            session.add(
                Submission(
                    user_id=user_id,
                    problem_id="echo",
                    code="#fake ECHO",
                    status=status,
                    max_score=100,
                    attempt=int(status == "judging"),
                )
            )
    engine.dispose()
    with TestClient(create_app(settings, FakeRunner)) as client:
        listed = client.get("/api/submissions", headers=headers).json()["items"]
        results = [wait_done(client, headers, item["id"]) for item in listed]
    assert [r["verdict"] for r in results] == ["AC", "AC"]


def test_a_lost_message_is_sent_again_within_seconds(tmp_path, problems_dir):
    """The relay sees the pool hold fewer messages than there are submissions sent to it; the
    last-resort lease (60 s) plays no part."""
    settings = make_settings(
        tmp_path, problems_dir, relay_interval_s=0.1, redeliver_after_s=0.5, lease_s=60
    )
    migrate.upgrade(settings.database_url)
    app = create_app(settings, FakeRunner)
    lost: list[int] = []
    real_enqueue = app.state.dispatcher.enqueue
    app.state.dispatcher.enqueue = lambda i: lost.append(i) if not lost else real_enqueue(i)
    with TestClient(app) as client:
        headers = login(client)
        submission_id = client.post(
            "/api/submissions", headers=headers, json={"problem_id": "echo", "code": "#fake ECHO"}
        ).json()["id"]
        assert wait_done(client, headers, submission_id, timeout_s=10)["verdict"] == "AC"
        assert lost == [submission_id]  # the first message vanished
