"""The administrators' user and audit routes, the problem list, and the audit entry every admin
action writes through the API (the pages write the same ones: tests/web/test_admin_pages.py)."""

from __future__ import annotations

import pytest

from tests.app.fakes import write_problem
from tests.app.test_admin import problems_dir, upload, zip_folder  # noqa: F401 (fixture)


def audit(client, admin, **params):
    response = client.get("/api/admin/audit", headers=admin, params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/admin/users"),
        ("put", "/api/admin/users/alice"),
        ("get", "/api/admin/audit"),
        ("get", "/api/admin/problems"),
    ],
)
def test_the_new_routes_need_an_admin(client, accounts, method, path):
    assert getattr(client, method)(path).status_code == 401
    response = getattr(client, method)(path, headers=accounts.user("alice"))
    assert response.status_code == 403 and response.json()["detail"] == "administrators only"


def test_set_team_and_admin_then_search(client, accounts):
    alice, admin = accounts.user("alice"), accounts.admin("root")
    accounts.user("bob")
    response = client.put("/api/admin/users/alice", headers=admin, json={"team": " チームA "})
    assert response.status_code == 200, response.text
    assert response.json()["team"] == "チームA" and response.json()["is_admin"] is False
    assert client.get("/api/me", headers=alice).json()["team"] == "チームA"

    response = client.put("/api/admin/users/alice", headers=admin, json={"is_admin": True})
    assert response.json() == {**response.json(), "team": "チームA", "is_admin": True}
    assert client.get("/api/admin/audit", headers=alice).status_code == 200  # admin now

    found = client.get("/api/admin/users", headers=admin, params={"q": "LIC"}).json()
    assert [u["username"] for u in found["items"]] == ["alice"] and found["total"] == 1
    everyone = client.get("/api/admin/users", headers=admin).json()
    assert [u["username"] for u in everyone["items"]] == ["alice", "bob", "root"]
    # LIKE's wildcards are matched literally.
    assert client.get("/api/admin/users", headers=admin, params={"q": "%"}).json()["total"] == 0

    # "" or null: no team; a field left out is kept.
    cleared = client.put("/api/admin/users/alice", headers=admin, json={"team": ""}).json()
    assert cleared["team"] is None and cleared["is_admin"] is True

    entries = audit(client, admin, action="users.update")["items"]
    assert [e["details"]["changes"] for e in entries] == [
        {"team": ["チームA", None]},
        {"is_admin": [False, True]},
        {"team": [None, "チームA"]},
    ]
    assert {e["username"] for e in entries} == {"root"}
    assert all(e["details"]["username"] == "alice" for e in entries)


def test_bad_user_updates(client, accounts):
    accounts.user("alice")
    admin = accounts.admin("root")

    def put(who, body):
        return client.put(f"/api/admin/users/{who}", headers=admin, json=body)

    assert put("nobody", {"team": "x"}).status_code == 404
    assert put("nobody", {"team": "x"}).json()["detail"] == "no user 'nobody'"
    too_long = put("alice", {"team": "x" * 33})
    assert too_long.status_code == 422 and "at most 32" in too_long.text
    assert put("alice", {"team": "a\u0000b"}).status_code == 422
    assert put("alice", {"is_admin": None}).status_code == 422
    assert put("alice", {"role": "admin"}).status_code == 422
    # An admin cannot demote themselves (another admin can).
    refused = put("root", {"is_admin": False})
    assert refused.status_code == 409 and "your own" in refused.json()["detail"]
    # Nothing took effect, so nothing was logged; a no-op change is not logged either.
    assert put("alice", {"team": None}).status_code == 200
    assert audit(client, admin)["total"] == 0


def test_every_admin_action_writes_an_audit_entry(
    client,
    accounts,
    judge_queued,
    tmp_path,
    problems_dir,  # noqa: F811
):
    alice, admin = accounts.user("alice"), accounts.admin("root")
    submission_id = client.post(
        "/api/submissions", json={"problem_id": "echo", "code": "#fake ECHO"}, headers=alice
    ).json()["id"]
    judge_queued()

    write_problem(problems_dir, "fresh")
    assert client.post("/api/admin/problems/reload", headers=admin).status_code == 200
    package = write_problem(tmp_path / "src", "uploaded", title="Uploaded")
    uploaded = upload(client, admin, zip_folder(package))
    assert uploaded.status_code == 201
    assert client.post("/api/admin/problems/echo/rejudge", headers=admin).status_code == 202
    path = f"/api/admin/submissions/{submission_id}/rejudge"
    assert client.post(path, headers=admin).status_code == 202
    response = client.put("/api/admin/current-section", headers=admin, json={"section": 2})
    assert response.status_code == 200
    client.put("/api/admin/current-section", headers=admin, json={"section": None})
    # Refused actions change nothing and leave no entry.
    assert client.post("/api/admin/problems/nope/rejudge", headers=admin).status_code == 404
    assert upload(client, admin, b"not a zip").status_code == 422

    log = audit(client, admin)
    assert log["total"] == 6
    assert [(e["username"], e["action"]) for e in log["items"]] == [
        ("root", "sections.current"),
        ("root", "sections.current"),
        ("root", "submissions.rejudge"),
        ("root", "problems.rejudge"),
        ("root", "problems.upload"),
        ("root", "problems.reload"),
    ]
    details = [e["details"] for e in log["items"]]
    assert details[0] == {"section": None, "previous": 2}
    assert details[1] == {"section": 2, "previous": None}
    assert details[2] == {"submission_id": submission_id, "problem_id": "echo"}
    assert details[3] == {"problem_id": "echo", "requeued": 1}
    assert details[4]["id"] == "uploaded" and details[4]["version"] == uploaded.json()["version"]
    assert details[5]["added"] == ["fresh"] and "unchanged" not in details[5]
    assert log["items"][0]["created_at"] >= log["items"][-1]["created_at"]

    paged = audit(client, admin, limit=2, offset=2)
    assert [e["action"] for e in paged["items"]] == ["submissions.rejudge", "problems.rejudge"]


def test_problem_list_shows_version_and_state(client, accounts, problems_dir):  # noqa: F811
    admin = accounts.admin()
    write_problem(problems_dir, "later", section=5)
    (problems_dir / "sections.yaml").write_text(
        "sections:\n  3:\n    title: Autograd\n  5:\n    title: Later\n    release: 2999-01-01T00:00:00Z\n"
    )
    client.post("/api/admin/problems/reload", headers=admin)
    rows = {p["id"]: p for p in client.get("/api/admin/problems", headers=admin).json()}
    assert rows["echo"]["open"] is True and rows["later"]["open"] is False
    assert rows["echo"]["active"] is True and len(rows["echo"]["version"]) == 64
    assert rows["echo"]["section"] == 3 and rows["echo"]["submissions"] == 0
