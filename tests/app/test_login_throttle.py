"""Failed logins are throttled per username and per client address, and account creation per
address: 429 with a Retry-After, counted in the database (issue 9), on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.auth.models import ThrottleEvent
from app.db import transaction
from app.main import create_app
from app.settings import Settings
from tests.app.fakes import RecordingDispatcher

PASSWORD = "correct-horse-battery"
PER_USERNAME, PER_ADDRESS, ACCOUNTS = 3, 5, 2
LOGIN_WINDOW_S, ACCOUNT_WINDOW_S = 300, 3600


@pytest.fixture
def settings(settings):  # type: ignore[no-untyped-def]
    """The suite's settings with small limits, so that each test reaches them quickly."""
    return settings.model_copy(
        update={
            "login_failures_per_username": PER_USERNAME,
            "login_failures_per_address": PER_ADDRESS,
            "login_failure_window_s": LOGIN_WINDOW_S,
            "accounts_per_address": ACCOUNTS,
            "account_window_s": ACCOUNT_WINDOW_S,
        }
    )


def login(client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/api/token", data={"username": username, "password": password})


def register(client, username: str):  # type: ignore[no-untyped-def]
    return client.post("/api/users", json={"username": username, "password": PASSWORD})


def assert_throttled(response, window_s: int) -> int:  # type: ignore[no-untyped-def]
    assert response.status_code == 429, response.text
    retry = int(response.headers["retry-after"])
    assert 1 <= retry <= window_s
    assert re.search(rf"retry in {retry} s", response.json()["detail"]), response.json()
    return retry


def events(session_factory) -> int:  # type: ignore[no-untyped-def]
    with transaction(session_factory) as session:
        return session.scalar(select(func.count()).select_from(ThrottleEvent))


def age_events(session_factory, by: timedelta) -> None:  # type: ignore[no-untyped-def]
    with transaction(session_factory) as session:
        for event in session.scalars(select(ThrottleEvent)):
            event.at -= by


def test_failures_of_one_username_then_429_even_with_the_right_password(client, accounts):
    accounts.user("alice")
    for _ in range(PER_USERNAME):
        assert login(client, "alice", "wrong-password").status_code == 401
    assert_throttled(login(client, "alice"), LOGIN_WINDOW_S)
    assert_throttled(login(client, "alice", "wrong-password"), LOGIN_WINDOW_S)
    accounts.user("bob")  # another username from the same address is still fine
    assert login(client, "bob").status_code == 200


def test_failures_from_one_address_then_429_for_every_username(client, accounts):
    accounts.user("alice")
    for number in range(PER_ADDRESS):
        assert login(client, f"guess{number}", "wrong-password").status_code == 401
    assert_throttled(login(client, "alice"), LOGIN_WINDOW_S)


def test_another_address_is_not_throttled(client, accounts, settings, session_factory, runner):
    accounts.user("alice")
    for number in range(PER_ADDRESS):
        assert login(client, f"guess{number}", "wrong-password").status_code == 401
    assert_throttled(login(client, "alice"), LOGIN_WINDOW_S)
    app = create_app(
        settings, lambda: runner, session_factory=session_factory, dispatcher=RecordingDispatcher()
    )
    with TestClient(app, client=("203.0.113.7", 4000)) as elsewhere:
        assert login(elsewhere, "alice").status_code == 200


def test_a_success_clears_the_usernames_count(client, accounts):
    accounts.user("alice")
    for _ in range(PER_USERNAME - 1):
        assert login(client, "alice", "wrong-password").status_code == 401
    assert login(client, "alice").status_code == 200
    for _ in range(PER_USERNAME):
        assert login(client, "alice", "wrong-password").status_code == 401
    assert_throttled(login(client, "alice"), LOGIN_WINDOW_S)


def test_throttled_attempts_are_not_counted_and_the_window_slides(
    client, accounts, session_factory
):
    accounts.user("alice")
    for _ in range(PER_USERNAME):
        assert login(client, "alice", "wrong-password").status_code == 401
    before = events(session_factory)
    for _ in range(3):
        assert_throttled(login(client, "alice"), LOGIN_WINDOW_S)
    assert events(session_factory) == before
    # The failures are now 10 s from leaving the window: Retry-After says so.
    age_events(session_factory, timedelta(seconds=LOGIN_WINDOW_S - 10))
    assert 1 <= assert_throttled(login(client, "alice"), LOGIN_WINDOW_S) <= 10
    age_events(session_factory, timedelta(seconds=11))
    assert login(client, "alice").status_code == 200


def test_the_table_holds_no_names_and_forgets_old_events(client, accounts, session_factory):
    accounts.user("alice")
    assert login(client, "alice", "wrong-password").status_code == 401
    with transaction(session_factory) as session:
        keys = session.scalars(select(ThrottleEvent.key)).all()
    assert keys and not any("alice" in key or "testclient" in key for key in keys)
    age_events(session_factory, timedelta(seconds=ACCOUNT_WINDOW_S + 1))
    assert login(client, "bob", "wrong-password").status_code == 401
    assert events(session_factory) == 2  # bob's failure, by username and by address


def test_account_creation_is_limited_per_address(client, session_factory):
    assert register(client, "alice").status_code == 201
    assert register(client, "alice").status_code == 409  # refusals are not counted
    weak = client.post("/api/users", json={"username": "carol", "password": "short"})
    assert weak.status_code == 422
    assert register(client, "bob").status_code == 201
    retry = assert_throttled(register(client, "carol"), ACCOUNT_WINDOW_S)
    assert retry > ACCOUNT_WINDOW_S - 60
    assert "too many accounts created from this address" in register(client, "dave").text
    age_events(session_factory, timedelta(seconds=ACCOUNT_WINDOW_S))
    assert register(client, "carol").status_code == 201


def test_the_limits_are_described_settings():
    names = [name for name in Settings.model_fields if "login_failure" in name or "account" in name]
    assert len(names) == 5
    assert all(Settings.model_fields[name].description for name in names)
    defaults = {name: Settings.model_fields[name].default for name in names}
    assert defaults["login_failures_per_username"] < defaults["login_failures_per_address"]
