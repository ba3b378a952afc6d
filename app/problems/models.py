from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, utcnow


class ProblemRecord(Base):
    """What the API shows of a problem; `version` names the package judges use now."""

    __tablename__ = "problems"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    title_ja: Mapped[str | None] = mapped_column(String(120))
    section: Mapped[int]
    points: Mapped[float]
    version: Mapped[str] = mapped_column(String(64), doc="its current ProblemVersion")
    statement_en: Mapped[str | None] = mapped_column(Text)
    statement_ja: Mapped[str | None] = mapped_column(Text)
    limits: Mapped[dict[str, Any]] = mapped_column(JSON)
    samples: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    test_count: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True, doc="false once gone from problems/")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reveal_private_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, doc="until then students see private groups' scores as hidden"
    )


class ProblemVersion(Base):
    """A package's files as they were synced or uploaded, by content (judge/package_archive.py).

    Rows are only ever added: a submission judged with a version can always be judged with it
    again, and judges on any machine fetch the version they were given by its hash."""

    __tablename__ = "problem_versions"

    version: Mapped[str] = mapped_column(String(64), primary_key=True, doc="sha256 of the files")
    problem_id: Mapped[str] = mapped_column(String(40), index=True)
    size: Mapped[int] = mapped_column(doc="bytes of the archive")
    # Deferred: listing versions never reads the archives.
    archive: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SiteSetting(Base):
    """A setting administrators change while the service runs (e.g. `current_section`), shared by
    every API process through the database. `value` is JSON; null means unset."""

    __tablename__ = "site_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
