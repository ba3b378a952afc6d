"""Text no database can store (NUL, lone surrogates, bytes that are not UTF-8) is a 422 naming
where it was, on SQLite and on PostgreSQL alike, never a 500 and never stored (issue 9)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from app.auth.models import User
from app.db import transaction
from app.submissions.models import Submission

PASSWORD = "correct-horse-battery"
NUL = "\x00"
SURROGATE = "\ud800"


def raw_json(document: dict[str, str]) -> bytes:
    """JSON as a hostile client writes it: a lone surrogate as its `\\ud800` escape."""
    return json.dumps(document).encode("ascii")


def post_json(client, path, document, headers=None):  # type: ignore[no-untyped-def]
    return client.post(
        path,
        content=raw_json(document),
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def assert_refused(response, where: str, what: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail, detail
    assert detail.startswith(f"{where}: ") and what in detail, detail


def count(session_factory, model) -> int:  # type: ignore[no-untyped-def]
    with transaction(session_factory) as session:
        return session.scalar(select(func.count()).select_from(model))


def test_nul_in_the_login_username_is_422(client):
    response = client.post("/api/token", data={"username": f"a{NUL}b", "password": PASSWORD})
    assert_refused(response, "body.username", "NUL character (\\u0000)")


def test_nul_in_the_path_is_422(client):
    assert_refused(client.get("/api/problems/a%00b"), "path", "NUL character")


def test_a_path_that_is_not_utf8_is_422(client):
    assert_refused(client.get("/api/problems/a%ffb"), "path", "not valid UTF-8")
    assert_refused(client.get("/api/problems/a%ed%a0%80b"), "path", "not valid UTF-8")


def test_nul_in_a_query_parameter_is_422(client, accounts):
    headers = accounts.user("alice")
    response = client.get("/api/submissions", params={"username": f"a{NUL}"}, headers=headers)
    assert_refused(response, "query.username", "NUL character")
    assert_refused(client.get("/api/problems?x=%ff"), "query.x", "not valid UTF-8")


@pytest.mark.parametrize("field", ["code", "problem_id"])
@pytest.mark.parametrize(("bad", "what"), [(NUL, "NUL character"), (SURROGATE, "\\ud800")])
def test_submission_fields_refuse_unstorable_text(
    client, accounts, session_factory, dispatcher, field, bad, what
):
    headers = accounts.user("alice")
    document = {"problem_id": "echo", "code": "print(input())\n"}
    document[field] = document[field][:2] + bad + document[field][2:]
    response = post_json(client, "/api/submissions", document, headers)
    assert_refused(response, f"body.{field}", what)
    assert count(session_factory, Submission) == 0 and dispatcher.enqueued == []


@pytest.mark.parametrize("field", ["username", "password"])
@pytest.mark.parametrize(("bad", "what"), [(NUL, "NUL character"), (SURROGATE, "lone surrogate")])
def test_account_fields_refuse_unstorable_text(client, session_factory, field, bad, what):
    document = {"username": "alice", "password": PASSWORD}
    document[field] += bad
    assert_refused(post_json(client, "/api/users", document), f"body.{field}", what)
    assert count(session_factory, User) == 0


def test_a_surrogate_in_the_login_form_is_422(client):
    # Percent-encoded CESU-8 of U+D800: not UTF-8, so not text at all.
    response = client.post(
        "/api/token",
        content=b"username=al%ED%A0%80ice&password=x",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert_refused(response, "body.username", "not valid UTF-8")


def test_a_surrogate_in_a_key_or_a_nested_value_is_named(client, accounts):
    headers = accounts.user("alice")
    keyed = post_json(
        client, "/api/submissions", {"code\ud800": "x", "problem_id": "echo"}, headers
    )
    assert_refused(keyed, "body (a key)", "lone surrogate")
    nested = client.put(
        "/api/admin/current-section",
        content=b'{"section": {"deep": ["ok", "\\u0000"]}}',
        headers={"Content-Type": "application/json", **accounts.admin()},
    )
    assert_refused(nested, "body.section.deep[1]", "NUL character")


def test_json_bodies_that_are_not_utf8_are_422(client):
    response = client.post(
        "/api/users",
        content=b'{"username": "\xff", "password": "x"}',
        headers={"Content-Type": "application/json"},
    )
    assert_refused(response, "body", "not valid UTF-8")


def test_a_json_body_without_a_content_type_is_checked_too(client, accounts):
    # FastAPI reads a body without a Content-Type as JSON, so the check must too.
    response = client.post(
        "/api/submissions",
        content=raw_json({"problem_id": "echo", "code": SURROGATE}),
        headers={**accounts.user("alice"), "Content-Type": ""},
    )
    assert_refused(response, "body.code", "lone surrogate")


def test_utf16_json_is_decoded_as_the_route_decodes_it(client, accounts):
    """json.loads reads UTF-16 too: the check decodes the body exactly as the route will."""
    body = json.dumps({"problem_id": "echo", "code": f"a{NUL}"}).encode("utf-16")
    response = client.post(
        "/api/submissions",
        content=body,
        headers={**accounts.user("alice"), "Content-Type": "application/json"},
    )
    assert_refused(response, "body.code", "NUL character")


def test_ordinary_text_passes_untouched(client, accounts, session_factory):
    """Japanese, emoji and control characters other than NUL are stored as sent."""
    headers = accounts.user("alice")
    code = "# 日本語のコメント 🎉\tタブ\r\nprint(input())\x01\n"
    response = client.post(
        "/api/submissions", json={"problem_id": "echo", "code": code}, headers=headers
    )
    assert response.status_code == 202, response.text
    with transaction(session_factory) as session:
        assert session.get(Submission, response.json()["id"]).code == code
    # A Japanese file name reaches the route (problem ids have a pattern, so not one of them).
    assert client.get("/api/problems/echo/files/public/%E3%81%82.csv").status_code == 404


def test_malformed_json_is_still_the_routes_422(client):
    response = client.post(
        "/api/users", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422


def test_deeply_nested_json_is_a_4xx(client):
    response = client.post(
        "/api/users", content=b"[" * 100_000, headers={"Content-Type": "application/json"}
    )
    assert 400 <= response.status_code < 500


def test_admin_json_and_path_fields_are_checked_too(client, accounts):
    admin = accounts.admin()
    accounts.user("alice")
    team = client.put(
        "/api/admin/users/alice",
        content=raw_json({"team": f"A{SURROGATE}"}),
        headers={**admin, "Content-Type": "application/json"},
    )
    assert_refused(team, "body.team", "lone surrogate")
    named = client.put("/api/admin/users/al%00ice", json={"team": "A"}, headers=admin)
    assert_refused(named, "path", "NUL character")
