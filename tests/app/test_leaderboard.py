from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from app.db import transaction
from app.submissions.models import Submission

AC = "#fake ECHO"


def submit(client, headers, code, problem_id="echo"):
    response = client.post(
        "/api/submissions", json={"problem_id": problem_id, "code": code}, headers=headers
    )
    assert response.status_code == 202
    return response.json()["id"]


def at(session_factory, submission_id, minute):
    """Pretend the submission was made `minute` minutes into the contest."""
    moment = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=minute)
    with transaction(session_factory) as session:
        session.execute(
            update(Submission).where(Submission.id == submission_id).values(created_at=moment)
        )


def test_best_per_problem_summed_ties_share_rank_earlier_improvement_first(
    client, accounts, judge_queued, session_factory
):
    users = {name: accounts.user(name) for name in ("ann", "ben", "cat", "dan", "eve")}
    # ann: echo AC at 10, then WA at 50 (a worse later submission changes nothing) -> 100 @ 10
    at(session_factory, submit(client, users["ann"], AC), 10)
    at(session_factory, submit(client, users["ann"], "wrong"), 50)
    # ben: echo-en AC at 5 and echo AC at 30 -> 150 @ 30
    at(session_factory, submit(client, users["ben"], AC, "echo-en"), 5)
    at(session_factory, submit(client, users["ben"], AC), 30)
    # cat: echo AC at 20 -> 100 @ 20 (same total as ann, later: ranked after her)
    at(session_factory, submit(client, users["cat"], AC), 20)
    # dan: echo AC at 10 -> exactly ann's total and time: a tie sharing her rank
    at(session_factory, submit(client, users["dan"], AC), 10)
    # eve: only a wrong answer -> 0, listed last
    at(session_factory, submit(client, users["eve"], "wrong"), 1)
    judge_queued()

    response = client.get("/api/leaderboard")
    assert response.status_code == 200
    table = [(row["rank"], row["username"], row["score"], row["solved"]) for row in response.json()]
    assert table == [
        (1, "ben", 150.0, 2),
        (2, "ann", 100.0, 1),
        (2, "dan", 100.0, 1),
        (4, "cat", 100.0, 1),
        (5, "eve", 0.0, 0),
    ]
    rows = {row["username"]: row for row in response.json()}
    assert rows["ann"]["last_improvement"].startswith("2026-01-01T00:10:00")
    assert rows["eve"]["last_improvement"] is None


def test_empty_leaderboard(client):
    assert client.get("/api/leaderboard").json() == []
