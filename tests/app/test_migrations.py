"""The migrations build exactly the schema the models describe, both ways, on both databases."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from app import migrate
from app.db import make_engine
from app.models import Base
from tests.app.conftest import postgres_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    with postgres_database() as url:
        yield url


def test_upgrade_matches_models_and_downgrade_empties(empty_database):
    migrate.upgrade(empty_database)
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert set(inspect(connection).get_table_names()) >= set(Base.metadata.tables)
        migrate.downgrade(empty_database, "base")
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        migrate.upgrade(empty_database)  # and back up again from nothing
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) >= set(Base.metadata.tables)
    finally:
        engine.dispose()


def test_0002_makes_earlier_results_wholly_public(empty_database):
    """Submissions judged before groups existed keep their score and verdict as the public part."""
    migrate.upgrade(empty_database, "0001")
    engine = make_engine(empty_database)
    now = "2026-01-01 00:00:00+00:00"
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO users (id, username, password_hash, is_admin, created_at) "
                f"VALUES (1, 'alice', 'x', false, '{now}')"
            )
            connection.exec_driver_sql(
                "INSERT INTO problems (id, title, section, points, version, statement_en, limits,"
                " samples, test_count, active, updated_at) VALUES ('echo', 'Echo', 1, 100, 'v',"
                f" 's', '{{}}', '[]', 1, true, '{now}')"
            )
            for id_, status, verdict, score in ((1, "done", "WA", 40.0), (2, "queued", None, None)):
                connection.execute(
                    text(
                        "INSERT INTO submissions (id, user_id, problem_id, code, status, verdict,"
                        " score, max_score, created_at, attempt, interruptions) VALUES (:id, 1,"
                        " 'echo', 'print()', :status, :verdict, :score, 100, :now, 1, 0)"
                    ),
                    {"id": id_, "status": status, "verdict": verdict, "score": score, "now": now},
                )
        migrate.upgrade(empty_database)
        with engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT id, public_score, public_verdict, groups FROM submissions ORDER BY id"
            ).all()
        assert [tuple(r) for r in rows] == [(1, 40.0, "WA", None), (2, None, None, None)]
    finally:
        engine.dispose()


def test_0005_adds_teams_and_the_audit_log_keeping_users(empty_database):
    """Users made before teams existed have none; going down drops the log and keeps the users."""
    migrate.upgrade(empty_database, "0004")
    engine = make_engine(empty_database)
    now = "2026-01-01 00:00:00+00:00"
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO users (id, username, password_hash, is_admin, created_at) "
                f"VALUES (1, 'alice', 'x', true, '{now}')"
            )
        migrate.upgrade(empty_database)
        with engine.begin() as connection:
            assert connection.exec_driver_sql("SELECT team FROM users").all() == [(None,)]
            connection.exec_driver_sql(
                "INSERT INTO audit_log (created_at, user_id, username, action, details) "
                f"VALUES ('{now}', 1, 'alice', 'users.update', '{{}}')"
            )
            connection.exec_driver_sql("UPDATE users SET team = 'A' WHERE id = 1")
        migrate.downgrade(empty_database, "0004")
        with engine.connect() as connection:
            assert "audit_log" not in inspect(connection).get_table_names()
            assert connection.exec_driver_sql("SELECT username FROM users").all() == [("alice",)]
    finally:
        engine.dispose()
