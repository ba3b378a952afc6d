"""Running the Alembic migrations in `migrations/` against the configured database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config

from app.db import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def _ensure_sqlite_folder(database_url: str) -> None:
    prefix = "sqlite:///"
    if database_url.startswith(prefix) and database_url != "sqlite:///:memory:":
        Path(database_url[len(prefix) :]).parent.mkdir(parents=True, exist_ok=True)


def _run(alembic_command: Callable[[Config, str], None], database_url: str, revision: str) -> None:
    """Run an Alembic command in one transaction on a connection of our own engine."""
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            config = alembic_config(database_url)
            config.attributes["connection"] = connection
            alembic_command(config, revision)
    finally:
        engine.dispose()


def upgrade(database_url: str, revision: str = "head") -> None:
    _ensure_sqlite_folder(database_url)
    _run(command.upgrade, database_url, revision)


def downgrade(database_url: str, revision: str) -> None:
    _run(command.downgrade, database_url, revision)
