from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from app.auth.models import ApiToken
from app.db import transaction, utcnow


def test_register_login_me(client, accounts):
    headers = accounts.user("alice")
    response = client.get("/api/me", headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "alice" and body["is_admin"] is False
    assert "password" not in str(body)


def test_taken_username_is_409(client, accounts):
    accounts.user("alice")
    response = client.post("/api/users", json={"username": "alice", "password": "another-pw-123"})
    assert response.status_code == 409
    assert response.json()["detail"] == "username already taken"


@pytest.mark.parametrize(
    ("body", "field", "why"),
    [
        ({"username": "al", "password": "long-enough-pw"}, "username", "3 to 32 characters"),
        ({"username": "bad name", "password": "long-enough-pw"}, "username", "letters, digits"),
        ({"username": "bob", "password": "short"}, "password", "at least 8"),
        ({"username": "bob", "password": "aaaaaaaaaaab"}, "password", "repetitive"),
        (
            {"username": "bobby", "password": "bobby-1234"},
            "password",
            "must not contain the username",
        ),
        ({"username": "bob"}, "password", "Field required"),
        ({"username": "bob", "password": "long-enough-pw", "admin": True}, "admin", "Extra"),
    ],
)
def test_weak_or_malformed_user_is_422_saying_why(client, body, field, why):
    response = client.post("/api/users", json=body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert any(why in e["msg"] for e in errors), errors
    if field:
        assert any(e["loc"][-1] == field for e in errors), errors


def test_body_that_is_not_json_is_422(client):
    response = client.post(
        "/api/users", content=b"{nope", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"]


def test_wrong_password_and_unknown_user_are_401(client, accounts):
    accounts.user("alice")
    for username, password in [("alice", "wrong-password"), ("nobody", "whatever-pw")]:
        response = client.post("/api/token", data={"username": username, "password": password})
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"


def test_login_form_missing_field_is_422_naming_it(client):
    response = client.post("/api/token", data={"username": "alice"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "password"]


def test_me_without_or_with_bad_token_is_401(client):
    assert client.get("/api/me").status_code == 401
    response = client.get("/api/me", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401
    assert response.json()["detail"] == "invalid or expired token"


def test_revoked_token_is_401(client, accounts):
    headers = accounts.user("alice")
    assert client.delete("/api/token", headers=headers).status_code == 204
    assert client.get("/api/me", headers=headers).status_code == 401
    # Other tokens of the same user stay valid.
    other = accounts.token("alice", "correct-horse-battery")
    assert client.get("/api/me", headers=other).status_code == 200


def test_expired_token_is_401(client, accounts, session_factory):
    headers = accounts.user("alice")
    with transaction(session_factory) as session:
        session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert client.get("/api/me", headers=headers).status_code == 401


def test_password_is_stored_as_argon2(client, accounts, session_factory):
    from sqlalchemy import select

    from app.auth.models import User

    accounts.user("alice")
    with transaction(session_factory) as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "alice"))
    assert stored.startswith("$argon2")
