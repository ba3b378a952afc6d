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


def test_sections_current_and_show(tmp_path):
    url = f"sqlite:///{tmp_path / 'sections.db'}"
    problems = tmp_path / "problems"
    problems.mkdir()
    (problems / "sections.yaml").write_text(
        "sections:\n  1: {title: 'Session 1: Learning', title_ja: 第1回 学習,"
        " release: 2099-04-01T13:00:00+09:00}\n  2: {title: 'Session 2: Gradient descent'}\n",
        encoding="utf-8",
    )
    env = {"MLJUDGE_PROBLEMS_DIR": str(problems)}
    shown = mljudge(url, "sections", "show", **env)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("current section: none")
    assert (
        lines[1].split()[:2] == ["1", "closed"] and "第1回 学習 / Session 1: Learning" in lines[1]
    )
    assert lines[2].split()[:2] == ["2", "open"]  # no release and no current section

    done = mljudge(url, "sections", "current", "1", **env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("current section: 1")
    assert [line.split()[:2] for line in done.stdout.splitlines()[1:]] == [
        ["1", "open"],
        ["2", "closed"],
    ]
    done = mljudge(url, "sections", "current", "--clear", **env)
    assert done.returncode == 0 and done.stdout.startswith("current section: none")

    for bad, why in (
        (("current",), "mljudge: give a section number (0-7) or --clear"),
        (("current", "2", "--clear"), "mljudge: give a section number (0-7) or --clear"),
        (("current", "8"), "'8' is not a section number 0-7"),
    ):
        done = mljudge(url, "sections", *bad, **env)
        assert done.returncode == 2 and done.stderr.splitlines()[-1].endswith(why), done.stderr

    (problems / "sections.yaml").write_text("sections:\n  1: {title: x, relase: soon}\n")
    done = mljudge(url, "sections", "show", **env)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("mljudge:")]
    assert errors == [f"mljudge: {problems / 'sections.yaml'}: sections.1.relase: unknown field"]


def test_problems_sync_stores_the_folder_as_versions(tmp_path):
    from app.problems.models import ProblemRecord, ProblemVersion
    from tests.app.fakes import write_problem

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    folder = tmp_path / "problems"
    write_problem(folder, "echo")
    (folder / "broken").mkdir()
    (folder / "broken" / "problem.yaml").write_text("id: broken\ntitel: typo\n")
    synced = mljudge(url, "problems", "sync", "--problems", str(folder))
    assert synced.returncode == 1  # one package did not load: named, the others stored
    assert synced.stdout.splitlines() == ["added    echo", "mljudge: 0 unchanged"]
    assert "broken/problem.yaml" in synced.stderr and "titel" in synced.stderr
    (folder / "echo" / "tests" / "1.ans").write_text("4\n")
    again = mljudge(url, "problems", "sync", "--problems", str(folder))
    assert "updated  echo" in again.stdout
    engine = make_engine(url)
    with transaction(make_sessionmaker(engine)) as session:
        current = session.get(ProblemRecord, "echo").version
        stored = set(session.scalars(select(ProblemVersion.version)))
    engine.dispose()
    assert current in stored and len(stored) == 2
    missing = mljudge(url, "problems", "sync", "--problems", str(tmp_path / "nope"))
    assert missing.returncode == 2 and missing.stderr.strip().endswith("nope: no such folder")
