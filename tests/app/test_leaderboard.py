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


def test_teams_sum_their_members_best_scores_and_sections_filter(
    client, accounts, judge_queued, session_factory
):
    users = {name: accounts.user(name) for name in ("ann", "ben", "cat", "dan")}
    admin = accounts.admin("root")
    assert client.get("/api/leaderboard/teams").json() == []
    for name, team in (("ann", "A"), ("ben", "A"), ("cat", "B")):
        assert client.put(f"/api/admin/users/{name}", headers=admin, json={"team": team}).is_success
    # ann: echo 100 (section 3) at 10, and a worse try later; ben: echo-en 50 (section 1) at 5,
    # echo 100 at 30; cat: echo 100 at 20; dan (no team): echo 100 at 1.
    at(session_factory, submit(client, users["ann"], AC), 10)
    at(session_factory, submit(client, users["ann"], "wrong"), 40)
    at(session_factory, submit(client, users["ben"], AC, "echo-en"), 5)
    at(session_factory, submit(client, users["ben"], AC), 30)
    at(session_factory, submit(client, users["cat"], AC), 20)
    at(session_factory, submit(client, users["dan"], AC), 1)
    judge_queued()

    teams = client.get("/api/leaderboard/teams").json()
    assert [(t["rank"], t["team"], t["score"], t["solved"], t["members"]) for t in teams] == [
        (1, "A", 250.0, 2, ["ann", "ben"]),
        (2, "B", 100.0, 1, ["cat"]),
    ]
    assert teams[0]["last_improvement"].startswith("2026-01-01T00:30:00")
    board = {s["username"]: s["team"] for s in client.get("/api/leaderboard").json()}
    assert board == {"ann": "A", "ben": "A", "cat": "B", "dan": None}

    # Section 1 has only echo-en: ben's 50 alone counts.
    section_1 = client.get("/api/leaderboard", params={"section": 1}).json()
    assert [(s["username"], s["score"]) for s in section_1] == [("ben", 50.0)]
    teams_1 = client.get("/api/leaderboard/teams", params={"section": 1}).json()
    assert [(t["team"], t["score"], t["members"]) for t in teams_1] == [("A", 50.0, ["ann", "ben"])]
    section_3 = client.get("/api/leaderboard", params={"section": 3}).json()
    assert [(s["rank"], s["username"]) for s in section_3] == [
        (1, "dan"),
        (2, "ann"),
        (3, "cat"),
        (4, "ben"),
    ]
    assert client.get("/api/leaderboard", params={"section": 8}).status_code == 422

    # A section closed to students does not exist for them; admins still see it.
    client.put("/api/admin/current-section", headers=admin, json={"section": 1})
    closed = client.get("/api/leaderboard/teams", params={"section": 3})
    assert closed.status_code == 404 and closed.json()["detail"] == "no section 3"
    assert (
        client.get("/api/leaderboard", params={"section": 3}, headers=users["ann"]).status_code
        == 404
    )
    assert client.get("/api/leaderboard", params={"section": 3}, headers=admin).status_code == 200
