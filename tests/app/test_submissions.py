from __future__ import annotations

import json

from sqlalchemy import select

from app.db import transaction
from app.submissions.models import Submission

AC = "#fake ECHO\nprint(input())\n"
WRONG = "print('no')\n"


def submit(client, headers, code=AC, problem_id="echo"):
    return client.post(
        "/api/submissions", json={"problem_id": problem_id, "code": code}, headers=headers
    )


def test_submit_is_202_queued_and_enqueued_after_commit(
    client, accounts, dispatcher, session_factory
):
    headers = accounts.user("alice")
    response = submit(client, headers)
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued"
    assert dispatcher.enqueued == [body["id"]]
    with transaction(session_factory) as session:  # the row was committed before the enqueue
        assert session.get(Submission, body["id"]).code == AC


def test_rejected_submission_is_not_enqueued(client, accounts, dispatcher):
    headers = accounts.user("alice")
    assert submit(client, headers, problem_id="nope").status_code == 404
    assert dispatcher.enqueued == []


def test_user_comes_from_the_token_not_the_body(client, accounts):
    headers = accounts.user("alice")
    response = client.post(
        "/api/submissions", headers=headers, json={"problem_id": "echo", "code": AC, "user_id": 99}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "user_id"]


def test_submit_needs_a_token(client):
    assert submit(client, {}).status_code == 401


def test_code_over_64_kib_is_413(client, accounts):
    headers = accounts.user("alice")
    response = submit(client, headers, code="#" * (64 * 1024 + 1))
    assert response.status_code == 413 and "64 KiB" in response.json()["detail"]
    assert submit(client, headers, code="#" * (64 * 1024)).status_code == 202


def test_unknown_problem_is_404(client, accounts):
    response = submit(client, accounts.user("alice"), problem_id="no-such-problem")
    assert response.status_code == 404


def test_malformed_bodies_are_422_naming_the_field(client, accounts):
    headers = accounts.user("alice")
    for body, field in [
        ({"code": AC}, "problem_id"),
        ({"problem_id": "echo"}, "code"),
        ({"problem_id": "echo", "code": ""}, "code"),
        ({"problem_id": "echo", "code": 5}, "code"),
    ]:
        response = client.post("/api/submissions", json=body, headers=headers)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", field]


def test_rate_limit_is_429_with_retry_after(client, accounts, settings):
    headers = accounts.user("alice")
    for _ in range(settings.submission_rate_count):
        assert submit(client, headers).status_code == 202
    response = submit(client, headers)
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= settings.submission_rate_window_s
    assert "retry in" in response.json()["detail"]
    # The limit is per user.
    assert submit(client, accounts.user("bob")).status_code == 202


def test_verdicts_scores_and_hidden_test_redaction(client, accounts, judge_queued):
    headers = accounts.user("alice")
    accepted = submit(client, headers).json()["id"]
    wrong = submit(client, headers, code=WRONG).json()["id"]
    judge_queued()

    ac = client.get(f"/api/submissions/{accepted}", headers=headers).json()
    assert (ac["status"], ac["verdict"], ac["score"], ac["max_score"]) == (
        "done",
        "AC",
        100.0,
        100.0,
    )
    assert ac["code"] == AC and ac["username"] == "alice" and ac["error"] is None
    assert [t["verdict"] for t in ac["tests"]] == ["AC", "AC", "AC"]

    wa = client.get(f"/api/submissions/{wrong}", headers=headers).json()
    assert (wa["verdict"], wa["score"]) == ("WA", 0.0)
    sample, *hidden = wa["tests"]
    assert sample["sample"] and sample["name"] == "1" and "expected" in sample["message"]
    for test in hidden:
        assert not test["sample"]
        assert {k for k, v in test.items() if v is not None} == {
            "position",
            "sample",
            "verdict",
            "time_ms",
            "memory_kb",
        }


def test_admin_sees_hidden_details_and_others_are_403(client, accounts, judge_queued):
    alice = accounts.user("alice")
    submission_id = submit(client, alice, code=WRONG).json()["id"]
    judge_queued()
    assert (
        client.get(f"/api/submissions/{submission_id}", headers=accounts.user("bob")).status_code
        == 403
    )
    admin_view = client.get(f"/api/submissions/{submission_id}", headers=accounts.admin()).json()
    assert all(t["name"] and t["message"] for t in admin_view["tests"])


def test_missing_submission_is_404_and_bad_id_is_422(client, accounts):
    headers = accounts.user("alice")
    assert client.get("/api/submissions/999999", headers=headers).status_code == 404
    response = client.get("/api/submissions/abc", headers=headers)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == [
        "path",
        "submission_id",
    ]


def test_runtime_error_and_time_limit(client, accounts, judge_queued):
    headers = accounts.user("alice")
    re_id = submit(client, headers, code="#fake RE").json()["id"]
    tle_id = submit(client, headers, code="#fake TLE").json()["id"]
    judge_queued()
    re = client.get(f"/api/submissions/{re_id}", headers=headers).json()
    assert re["verdict"] == "RE" and "ZeroDivisionError" in re["tests"][0]["message"]
    assert client.get(f"/api/submissions/{tle_id}", headers=headers).json()["verdict"] == "TLE"


def test_internal_error_keeps_the_code_and_a_reason_for_admins(client, accounts, judge_queued):
    alice = accounts.user("alice")
    submission_id = submit(client, alice, code="#fake CRASH\nsecret()").json()["id"]
    judge_queued()
    own = client.get(f"/api/submissions/{submission_id}", headers=alice).json()
    assert (own["status"], own["verdict"], own["code"]) == ("done", "IE", "#fake CRASH\nsecret()")
    assert own["error"] is None
    admin = client.get(f"/api/submissions/{submission_id}", headers=accounts.admin()).json()
    assert admin["error"] == "RuntimeError: the runner broke"


def test_list_paginated_and_filtered(client, accounts, judge_queued):
    alice, bob = accounts.user("alice"), accounts.user("bob")
    ids = [submit(client, alice).json()["id"] for _ in range(3)]
    submit(client, alice, problem_id="echo-en")
    submit(client, bob)
    page = client.get("/api/submissions", params={"mine": True, "limit": 2}, headers=alice).json()
    assert page["total"] == 4 and page["limit"] == 2 and page["offset"] == 0
    assert len(page["items"]) == 2 and all(i["username"] == "alice" for i in page["items"])
    second = client.get(
        "/api/submissions", params={"mine": True, "limit": 2, "offset": 2}, headers=alice
    ).json()
    assert [i["id"] for i in page["items"] + second["items"]][1:] == sorted(ids, reverse=True)
    echo = client.get(
        "/api/submissions", params={"mine": True, "problem_id": "echo"}, headers=alice
    ).json()
    assert echo["total"] == 3
    everyone = client.get("/api/submissions", headers=alice).json()
    assert everyone["total"] == 5 and "code" not in everyone["items"][0]
    for params in ({"limit": 0}, {"limit": 201}, {"offset": -1}, {"mine": "perhaps"}):
        response = client.get("/api/submissions", params=params, headers=alice)
        assert response.status_code == 422, params
    assert client.get("/api/submissions").status_code == 401


def test_list_filtered_by_user_verdict_and_time(client, accounts, judge_queued, session_factory):
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    alice, bob = accounts.user("alice"), accounts.user("bob")
    ids = [submit(client, alice).json()["id"], submit(client, alice, "wrong").json()["id"]]
    ids.append(submit(client, bob).json()["id"])
    judge_queued()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with transaction(session_factory) as session:
        for minutes, submission_id in zip((0, 10, 20), ids, strict=True):
            session.execute(
                update(Submission)
                .where(Submission.id == submission_id)
                .values(created_at=start + timedelta(minutes=minutes))
            )

    def listed(**params):
        response = client.get("/api/submissions", params=params, headers=bob)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert listed(username="alice") == [ids[1], ids[0]]
    assert listed(username="nobody") == []
    assert listed(verdict="AC") == [ids[2], ids[0]]
    assert listed(username="alice", verdict="WA") == [ids[1]]
    assert listed(since="2026-01-01T00:05:00Z", until="2026-01-01T00:20:00Z") == [ids[1]]
    assert listed(mine=True, username="alice") == [ids[2]]  # mine wins
    for params in ({"verdict": "XX"}, {"since": "2026-01-01T00:05:00"}, {"since": "soon"}):
        response = client.get("/api/submissions", params=params, headers=bob)
        assert response.status_code == 422, params


def _events(client, submission_id, headers):
    with client.stream(
        "GET", f"/api/submissions/{submission_id}/events", headers=headers
    ) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        text = "".join(stream.iter_text())
    events = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":"))
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_events_stream_each_test_then_done(client, accounts, judge_queued):
    headers = accounts.user("alice")
    submission_id = submit(client, headers, code=WRONG).json()["id"]
    judge_queued()
    events = _events(client, submission_id, headers)
    assert [name for name, _ in events] == ["test", "test", "test", "done"]
    assert events[0][1]["name"] == "1" and events[1][1]["name"] is None  # hidden stays hidden
    assert events[-1][1]["verdict"] == "WA" and "code" not in events[-1][1]


def test_events_permissions(client, accounts):
    alice = accounts.user("alice")
    submission_id = submit(client, alice).json()["id"]
    assert client.get(f"/api/submissions/{submission_id}/events").status_code == 401
    bob = accounts.user("bob")
    assert client.get(f"/api/submissions/{submission_id}/events", headers=bob).status_code == 403
    assert client.get("/api/submissions/424242/events", headers=alice).status_code == 404


def test_judging_a_done_submission_again_changes_nothing(
    client, accounts, judge_queued, dispatcher, session_factory, runner
):
    headers = accounts.user("alice")
    submission_id = submit(client, headers).json()["id"]
    judge_queued()
    runs = runner.runs
    dispatcher.enqueued.append(submission_id)  # a redelivered task
    judge_queued()
    assert runner.runs == runs
    with transaction(session_factory) as session:
        submission = session.scalar(select(Submission).where(Submission.id == submission_id))
        assert (submission.attempt, submission.verdict) == (1, "AC")


def test_numbers_too_large_for_the_database_are_422(client, accounts):
    alice = accounts.user("alice")
    assert client.get("/api/submissions/99999999999999999999", headers=alice).status_code == 422
    assert (
        client.get("/api/submissions", params={"offset": 2**63}, headers=alice).status_code == 422
    )
