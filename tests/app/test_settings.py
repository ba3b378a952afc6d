from __future__ import annotations

import pytest

from app.settings import DEV_SECRET_KEY, InsecureSettings, Settings


def test_defaults_are_embedded_and_need_no_secret(monkeypatch):
    for name in ("DATABASE_URL", "BROKER_URL", "SECRET_KEY"):
        monkeypatch.delenv(f"MLJUDGE_{name}", raising=False)
    settings = Settings()
    assert settings.database_url == "sqlite:///./var/mljudge.db"
    assert settings.embedded and not settings.production
    settings.check_production()


@pytest.mark.parametrize(
    "env",
    [
        {"MLJUDGE_BROKER_URL": "redis://127.0.0.1:6379/0"},
        {"MLJUDGE_DATABASE_URL": "postgresql+psycopg://db/mljudge"},
    ],
)
def test_production_refuses_the_default_secret(monkeypatch, env):
    monkeypatch.delenv("MLJUDGE_SECRET_KEY", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(InsecureSettings, match="MLJUDGE_SECRET_KEY"):
        Settings().check_production()
    monkeypatch.setenv("MLJUDGE_SECRET_KEY", "a-real-random-value")
    Settings().check_production()


def test_values_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("MLJUDGE_WORKERS", "3")
    monkeypatch.setenv("MLJUDGE_LEASE_S", "20")
    settings = Settings()
    assert (settings.workers, settings.lease_s) == (3, 20)
    assert settings.secret_key.get_secret_value() == DEV_SECRET_KEY
    assert DEV_SECRET_KEY not in repr(settings)


def test_a_bad_value_is_an_error_naming_it(monkeypatch):
    monkeypatch.setenv("MLJUDGE_WORKERS", "0")
    with pytest.raises(ValueError, match="workers"):
        Settings()


def test_a_heartbeat_must_come_more_often_than_its_lease_runs_out(monkeypatch):
    monkeypatch.setenv("MLJUDGE_HEARTBEAT_S", "10")
    monkeypatch.setenv("MLJUDGE_HEARTBEAT_LEASE_S", "10")
    with pytest.raises(ValueError, match="heartbeat_s must be shorter than heartbeat_lease_s"):
        Settings()
    monkeypatch.setenv("MLJUDGE_HEARTBEAT_S", "0")  # no heartbeats: nothing to compare
    assert Settings().heartbeat_s == 0
