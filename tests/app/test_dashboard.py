"""The teacher's dashboard numbers (GET /api/admin/dashboard and its service), on SQLite and
PostgreSQL, from a handful of submissions judged by the fake runner with known verdicts."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from app.dashboard import service
from app.dashboard.schemas import AttemptsBucket
from app.db import transaction
from app.submissions.models import Submission

AC, WA, TLE, RE = "#fake ECHO", "wrong", "#fake TLE", "#fake RE"
# Right on the sample (input 3) only: fails the two hidden tests.
SAMPLE_ONLY = "#fake ONLY 3"


def submit(client, headers, code, problem_id="echo"):
    response = client.post(
        "/api/submissions", json={"problem_id": problem_id, "code": code}, headers=headers
    )
    assert response.status_code == 202, response.text
    return response.json()["id"]


def a_room(client, accounts, judge_queued):
    """Four students judged on `echo`, one still waiting, and an admin whose AC must not count."""
    users = {name: accounts.user(name) for name in ("ann", "ben", "cat", "dan", "eve")}
    admin = accounts.admin()
    for name, codes in {
        "ann": [WA, TLE, AC],  # first AC on the 3rd submission
        "ben": [AC],  # first try
        "cat": [RE, AC, AC],  # 2nd; the later AC changes nothing
        "dan": [SAMPLE_ONLY],  # never solves
    }.items():
        for code in codes:
            submit(client, users[name], code)
    submit(client, admin, AC)
    judge_queued()
    submit(client, users["eve"], AC)  # queued, not judged yet
    return admin


def test_per_problem_numbers(client, accounts, judge_queued):
    admin = a_room(client, accounts, judge_queued)
    response = client.get("/api/admin/dashboard", headers=admin)
    assert response.status_code == 200, response.text
    board = response.json()
    assert board["students"] == 5 and board["window_minutes"] == 120
    echo = next(p for p in board["problems"] if p["id"] == "echo")
    assert (echo["tried"], echo["solved"], echo["submissions"], echo["pending"]) == (5, 3, 9, 1)
    assert echo["verdicts"] == {"AC": 4, "WA": 2, "TLE": 1, "MLE": 0, "RE": 1, "OLE": 0, "IE": 0}
    assert echo["attempts"] == [
        {"attempts": 1, "users": 1},
        {"attempts": 2, "users": 1},
        {"attempts": 3, "users": 1},
    ]
    assert echo["attempts_median"] == 2
    # Tests are named 1 (the sample, input 3), 2 and 3; eight judged student submissions ran each.
    assert echo["failing_tests"] == [
        {"name": "2", "sample": False, "failed": 4, "ran": 8},
        {"name": "3", "sample": False, "failed": 4, "ran": 8},
        {"name": "1", "sample": True, "failed": 3, "ran": 8},
    ]
    # A problem nobody tried is listed with zeros; problems come by section.
    assert [p["id"] for p in board["problems"]] == ["echo-en", "echo"]
    untried = board["problems"][0]
    assert (untried["tried"], untried["solved"], untried["attempts_median"]) == (0, 0, None)
    assert untried["failing_tests"] == [] and set(untried["verdicts"].values()) == {0}
    # All nine student submissions were made just now.
    activity = board["activity"]
    assert len(activity) == 120 and sum(m["submissions"] for m in activity) == 9
    assert sum(m["accepted"] for m in activity) == 4


def test_students_and_anonymous_are_refused(client, accounts):
    alice = accounts.user("alice")
    assert client.get("/api/admin/dashboard", headers=alice).status_code == 403
    assert client.get("/api/admin/dashboard").status_code == 401


def test_submissions_per_minute_over_the_last_two_hours(
    client, accounts, judge_queued, session_factory
):
    alice = accounts.user("alice")
    ids = [submit(client, alice, code) for code in (AC, WA, WA, AC, WA)]
    judge_queued()
    now = datetime(2026, 1, 1, 12, 0, 30, tzinfo=UTC)
    moments = [
        datetime(2026, 1, 1, 10, 0, 59, tzinfo=UTC),  # 2 h ago and a bit: outside the window
        datetime(2026, 1, 1, 10, 1, 0, tzinfo=UTC),  # the window's first minute
        datetime(2026, 1, 1, 11, 59, 10, tzinfo=UTC),
        datetime(2026, 1, 1, 12, 0, 5, tzinfo=UTC),  # the current minute
        datetime(2026, 1, 1, 12, 0, 29, tzinfo=UTC),
    ]
    with transaction(session_factory) as session:
        for submission_id, moment in zip(ids, moments, strict=True):
            session.execute(
                update(Submission).where(Submission.id == submission_id).values(created_at=moment)
            )
    with transaction(session_factory) as session:
        board = service.dashboard(session, now)
    activity = board.activity
    assert activity[0].minute == datetime(2026, 1, 1, 10, 1, tzinfo=UTC)
    assert activity[-1].minute == datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    assert all(b.minute - a.minute == timedelta(minutes=1) for a, b in itertools.pairwise(activity))
    counted = {
        m.minute.strftime("%H:%M"): (m.submissions, m.accepted) for m in activity if m.submissions
    }
    assert counted == {"10:01": (1, 0), "11:59": (1, 0), "12:00": (2, 1)}


def test_median_of_a_distribution():
    def buckets(*pairs):
        return [AttemptsBucket(attempts=a, users=u) for a, u in pairs]

    assert service.median([]) is None
    assert service.median(buckets((1, 1))) == 1
    assert service.median(buckets((1, 2), (4, 2))) == 2.5
    assert service.median(buckets((1, 5), (2, 1), (9, 1))) == 1
    assert service.median(buckets((3, 1), (1, 1), (2, 1))) == 2  # any order
