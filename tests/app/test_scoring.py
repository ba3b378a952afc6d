"""Test groups and private groups through the API, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.submissions import visibility
from tests.app.fakes import write_problem

TESTS = {"1": "3", "2": "5", "3": "8", "big-1": "13", "big-2": "21"}
GROUPS = """scoring: groups
groups:
  - {name: sample, points: 0, tests: [1]}
  - {name: main, points: 60, tests: [2, 3]}
  - {name: big, points: 40, tests: ["big-*"], rule: all-or-nothing%s}
"""
REVEAL = datetime(2030, 1, 1, tzinfo=UTC)
AFTER_REVEAL = datetime(2030, 1, 2, tzinfo=UTC)

ECHO = "#fake ECHO\n"
SAMPLE_ONLY = "#fake ONLY 3\n"  # the example: the sample's answer right, the rest wrong
PUBLIC_ONLY = "#fake ONLY 3 5 8\n"  # every public test right, the private ones wrong


@pytest.fixture(scope="module")
def problems_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("problems")
    write_problem(root, "grouped", tests=TESTS, extra_yaml=GROUPS % "")
    private = GROUPS % ", private: true" + "reveal_private_at: 2030-01-01T09:00:00+09:00\n"
    write_problem(root, "kaggle", tests=TESTS, extra_yaml=private)
    write_problem(root, "plain", tests={"1": "3", "2": "5"})
    return root


def submit(client, headers, code, problem_id="grouped") -> int:
    response = client.post(
        "/api/submissions", json={"problem_id": problem_id, "code": code}, headers=headers
    )
    assert response.status_code == 202, response.text
    return response.json()["id"]


def get(client, headers, submission_id):
    return client.get(f"/api/submissions/{submission_id}", headers=headers).json()


def groups_of(body) -> list[tuple]:
    return [(g["name"], g["score"], g["points"], g["verdict"], g["tests"]) for g in body["groups"]]


def test_group_scores_in_the_api(client, accounts, judge_queued):
    alice = accounts.user("alice")
    sample_only = submit(client, alice, SAMPLE_ONLY)
    accepted = submit(client, alice, ECHO)
    judge_queued()

    body = get(client, alice, sample_only)
    assert (body["verdict"], body["score"], body["max_score"]) == ("WA", 0.0, 100.0)
    assert groups_of(body) == [
        ("sample", 0.0, 0.0, "AC", [0]),
        ("main", 0.0, 60.0, "WA", [1, 2]),
        ("big", 0.0, 40.0, "WA", [3, 4]),
    ]
    assert body["groups"][2]["rule"] == "all-or-nothing" and body["private_hidden_until"] is None
    # Groups name their tests by position: hidden tests' names stay hidden.
    assert "big-1" not in json.dumps(body)

    body = get(client, alice, accepted)
    assert (body["verdict"], body["score"]) == ("AC", 100.0)
    assert [g["score"] for g in body["groups"]] == [0.0, 60.0, 40.0]


def test_mean_problems_have_no_groups(client, accounts, judge_queued):
    alice = accounts.user("alice")
    grouped, plain = submit(client, alice, ECHO), submit(client, alice, SAMPLE_ONLY, "plain")
    assert get(client, alice, grouped)["groups"] == []  # not judged yet
    judge_queued()
    body = get(client, alice, plain)
    assert (body["verdict"], body["score"], body["groups"]) == ("WA", 50.0, [])


def test_the_done_event_carries_the_groups(client, accounts, judge_queued):
    alice = accounts.user("alice")
    submission_id = submit(client, alice, PUBLIC_ONLY)
    judge_queued()
    text = client.get(f"/api/submissions/{submission_id}/events", headers=alice).text
    done = next(b for b in text.split("\n\n") if b.startswith("event: done"))
    data = json.loads(done.split("data: ", 1)[1])
    assert data["score"] == 60.0 and [g["score"] for g in data["groups"]] == [0.0, 60.0, 0.0]


def test_rejudge_recomputes_the_groups(client, accounts, judge_queued):
    alice, admin = accounts.user("alice"), accounts.admin()
    submission_id = submit(client, alice, PUBLIC_ONLY)
    judge_queued()
    response = client.post(f"/api/admin/submissions/{submission_id}/rejudge", headers=admin)
    assert response.status_code == 202, response.text
    queued = get(client, alice, submission_id)
    assert (queued["status"], queued["score"], queued["groups"]) == ("queued", None, [])
    judge_queued()
    assert [g["score"] for g in get(client, alice, submission_id)["groups"]] == [0.0, 60.0, 0.0]


# --- private groups ----------------------------------------------------------------------------


@pytest.fixture
def kaggle(client, accounts, judge_queued):
    """alice gets the public tests right and the private ones wrong; bob gets everything."""
    users = {"alice": accounts.user("alice"), "bob": accounts.user("bob")}
    ids = {
        "alice": submit(client, users["alice"], PUBLIC_ONLY, "kaggle"),
        "bob": submit(client, users["bob"], ECHO, "kaggle"),
    }
    judge_queued()
    users["admin"] = accounts.admin()
    return users, ids


def test_before_the_reveal_students_see_only_the_public_groups(client, kaggle):
    users, ids = kaggle
    body = get(client, users["alice"], ids["alice"])
    assert (body["verdict"], body["score"]) == ("AC", 60.0)
    assert body["private_hidden_until"] == "2030-01-01T00:00:00Z"
    assert [t["position"] for t in body["tests"]] == [0, 1, 2]  # private tests left out
    big = body["groups"][2]
    assert (big["private"], big["score"], big["verdict"]) == (True, None, None)
    assert big["hidden_until"] == "2030-01-01T00:00:00Z"

    listed = client.get("/api/submissions", params={"problem_id": "kaggle"}, headers=users["bob"])
    scores = {item["username"]: (item["verdict"], item["score"]) for item in listed.json()["items"]}
    assert scores == {"alice": ("AC", 60.0), "bob": ("AC", 60.0)}

    board = {s["username"]: s["score"] for s in client.get("/api/leaderboard").json()}
    assert board == {"alice": 60.0, "bob": 60.0}
    problems = client.get("/api/problems", headers=users["alice"]).json()
    kaggle = next(p for p in problems if p["id"] == "kaggle")
    assert (kaggle["my_best_score"], kaggle["solved_by"]) == (60.0, 2)


def test_admins_see_everything_before_the_reveal(client, kaggle):
    users, ids = kaggle
    body = get(client, users["admin"], ids["alice"])
    assert (body["verdict"], body["score"], body["private_hidden_until"]) == ("WA", 60.0, None)
    assert len(body["tests"]) == 5 and body["groups"][2]["score"] == 0.0
    assert body["groups"][2]["verdict"] == "WA" and body["groups"][2]["hidden_until"] is None
    board = client.get("/api/leaderboard", headers=users["admin"]).json()
    assert {s["username"]: (s["score"], s["solved"]) for s in board} == {
        "bob": (100.0, 1),
        "alice": (60.0, 0),
    }
    assert get(client, users["admin"], ids["bob"])["score"] == 100.0


def test_after_the_reveal_everyone_sees_the_full_score(client, kaggle, monkeypatch):
    users, ids = kaggle
    monkeypatch.setattr(visibility, "utcnow", lambda: AFTER_REVEAL)
    body = get(client, users["alice"], ids["alice"])
    assert (body["verdict"], body["score"], body["private_hidden_until"]) == ("WA", 60.0, None)
    assert len(body["tests"]) == 5 and body["groups"][2]["score"] == 0.0
    board = {s["username"]: s["score"] for s in client.get("/api/leaderboard").json()}
    assert board == {"bob": 100.0, "alice": 60.0}
    problems = client.get("/api/problems", headers=users["bob"]).json()
    kaggle = next(p for p in problems if p["id"] == "kaggle")
    assert (kaggle["my_best_score"], kaggle["solved_by"]) == (100.0, 1)


def test_the_event_stream_hides_private_tests_too(client, kaggle):
    users, ids = kaggle
    text = client.get(f"/api/submissions/{ids['bob']}/events", headers=users["bob"]).text
    events = [b.split("\n", 1)[0] for b in text.strip().split("\n\n")]
    assert events == ["event: test"] * 3 + ["event: done"]
    assert '"score": 100.0' not in text
