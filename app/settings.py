"""The one settings object of the service; every value can come from an `MLJUDGE_*` variable."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# Known to everyone who reads this file: fine on a laptop, refused in production.
DEV_SECRET_KEY = "mljudge-development-secret-do-not-use-in-production"  # noqa: S105


class InsecureSettings(Exception):
    """Production settings that must not be used (a one-line reason)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MLJUDGE_", extra="forbid")

    database_url: str = "sqlite:///./var/mljudge.db"
    broker_url: str | None = Field(None, description="redis://…; None runs judges in-process")
    queue: str = Field("mljudge", min_length=1, description="the broker queue judge tasks go to")
    secret_key: SecretStr = SecretStr(DEV_SECRET_KEY)
    problems_dir: Path = Path("problems")
    runner: str = Field(
        "judge.runner.sandbox:SandboxRunner.start",
        description="import path of a callable returning a started runner",
    )
    workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        description="judging threads of an embedded `serve`",
    )

    token_ttl_s: int = Field(7 * 24 * 3600, gt=0)
    max_code_bytes: int = Field(64 * 1024, gt=0)
    max_upload_bytes: int = Field(20 * 1024 * 1024, gt=0)
    submission_rate_count: int = Field(10, ge=1, description="submissions per user per window")
    submission_rate_window_s: int = Field(60, gt=0)

    lease_s: int = Field(180, gt=0, description="time a queued/judging submission may go quiet")
    sweep_interval_s: float = Field(15.0, ge=0, description="0 turns the sweeper off")
    max_attempts: int = Field(3, ge=1, description="judging attempts before IE")

    @property
    def production(self) -> bool:
        return self.broker_url is not None or self.database_url.startswith("postgresql")

    @property
    def embedded(self) -> bool:
        return self.broker_url is None

    def check_production(self) -> None:
        """Refuse a known secret where others could use it to forge tokens."""
        if self.production and self.secret_key.get_secret_value() == DEV_SECRET_KEY:
            raise InsecureSettings(
                "production settings (a broker or PostgreSQL) need MLJUDGE_SECRET_KEY set "
                "to a random value, e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`"
            )
