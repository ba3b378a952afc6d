"""The service's commands, run as `python -m app.cli` in a subprocess like a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import inspect, select

from app.auth.models import User
from app.db import make_engine, make_sessionmaker, transaction

REPO = Path(__file__).resolve().parents[2]


def mljudge(database_url: str, *args: str, stdin: str | None = None, **env: str):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("MLJUDGE_")}
    environment.update(PYTHONPATH=str(REPO), MLJUDGE_DATABASE_URL=database_url, **env)
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *args],
        cwd=REPO,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_db_upgrade_and_downgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'var' / 'cli.db'}"
    assert mljudge(url, "db", "upgrade").returncode == 0
    engine = make_engine(url)
    assert "submissions" in inspect(engine).get_table_names()
    assert mljudge(url, "db", "downgrade", "base").returncode == 0
    assert "submissions" not in inspect(engine).get_table_names()
    engine.dispose()


def test_users_create(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    created = mljudge(url, "users", "create", "root", "--admin", "--password", "correct-horse-1")
    assert created.returncode == 0, created.stderr
    assert "created administrator root" in created.stdout
    piped = mljudge(url, "users", "create", "bob", stdin="correct-horse-2\n")
    assert piped.returncode == 0, piped.stderr
    again = mljudge(url, "users", "create", "bob", "--password", "correct-horse-3")
    assert again.returncode == 1 and "exists already" in again.stderr
    weak = mljudge(url, "users", "create", "carol", "--password", "short")
    assert weak.returncode == 1 and "password: at least 8 characters" in weak.stderr
    engine = make_engine(url)
    with transaction(make_sessionmaker(engine)) as session:
        users = {u.username: u.is_admin for u in session.scalars(select(User))}
    engine.dispose()
    assert users == {"root": True, "bob": False}


def test_production_settings_need_a_secret(tmp_path):
    result = mljudge(
        f"sqlite:///{tmp_path / 'cli.db'}", "serve", MLJUDGE_BROKER_URL="redis://127.0.0.1:6379/0"
    )
    assert result.returncode == 2 and "MLJUDGE_SECRET_KEY" in result.stderr


def test_a_worker_needs_a_broker(tmp_path):
    result = mljudge(f"sqlite:///{tmp_path / 'cli.db'}", "worker")
    assert result.returncode == 1 and "MLJUDGE_BROKER_URL" in result.stderr


def test_the_judge_commands_are_there(tmp_path):
    result = mljudge(f"sqlite:///{tmp_path / 'cli.db'}", "--help")
    for command in ("serve", "worker", "db", "users", "submit", "judge", "problems"):
        assert command in result.stdout
