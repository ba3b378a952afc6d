"""The one settings object of the service; every value can come from an `MLJUDGE_*` variable."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.logs import LogFormat

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
    problems_dir: Path = Field(
        Path("problems"), description="the packages a sync (and `serve` at its start) reads"
    )
    version_cache_dir: Path = Field(
        Path("var/problem-versions"),
        description="where this machine unpacks the problem versions it judges with or serves "
        "files of (fetched from the database by hash; safe to delete while nothing runs)",
    )
    log_format: LogFormat = Field(
        "text",
        description="text: lines for people; json: one JSON object per line and event (with "
        "submission_id and attempt while judging), for a log collector",
    )
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

    # Counted per client address as the server sees it (`request.client.host`): behind a reverse
    # proxy that is the proxy, unless uvicorn trusts its X-Forwarded-For (`--proxy-headers
    # --forwarded-allow-ips`). A lecture hall behind one NAT shares one address.
    login_failures_per_username: int = Field(
        5, ge=1, description="failed logins of one username per window; then 429 until one ages out"
    )
    login_failures_per_address: int = Field(
        30, ge=1, description="failed logins from one client address per window; then 429"
    )
    login_failure_window_s: int = Field(300, gt=0, description="the login failures' window")
    accounts_per_address: int = Field(
        50, ge=1, description="accounts created from one client address per window; then 429"
    )
    account_window_s: int = Field(3600, gt=0, description="the account creations' window")

    lease_s: int = Field(
        180,
        gt=0,
        description="time a judge may go without finishing a test before it loses the "
        "submission; also the last-resort resend of a queued submission nobody took",
    )
    heartbeat_s: float = Field(
        2.0,
        ge=0,
        description="how often a busy judge renews its lease; 0: only a finished test renews it "
        "(for lease_s)",
    )
    heartbeat_lease_s: float = Field(
        10.0,
        gt=0,
        description="a lease renewed by heartbeats runs out this long after the last one: how "
        "soon a killed worker's submission is judged again",
    )
    sweep_interval_s: float = Field(
        1.0, ge=0, description="how often run-out leases are looked for; 0 turns the sweeper off"
    )
    max_attempts: int = Field(3, ge=1, description="judging attempts before IE")
    relay_interval_s: float = Field(
        0.5,
        ge=0,
        description="how often the outbox relay looks for submissions to send to the queue (each "
        "commit wakes it too); 0: no relay thread, each commit sends its own (tests)",
    )
    redeliver_after_s: float = Field(
        5.0,
        gt=0,
        description="a queued submission sent this long ago is sent again when the queue holds "
        "fewer messages than there are such submissions (a broker restart lost them)",
    )

    @model_validator(mode="after")
    def _heartbeat_within_its_lease(self) -> Settings:
        if self.heartbeat_s and self.heartbeat_s >= self.heartbeat_lease_s:
            raise ValueError("heartbeat_s must be shorter than heartbeat_lease_s")
        return self

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
