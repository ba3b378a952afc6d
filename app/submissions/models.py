from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import User
from app.db import Base, UTCDateTime, utcnow
from judge.verdict import Verdict


class Status(StrEnum):
    QUEUED = "queued"
    JUDGING = "judging"
    DONE = "done"


class Submission(Base):
    __tablename__ = "submissions"
    __table_args__ = (
        Index("ix_submissions_status_lease", "status", "lease_expires_at"),
        Index("ix_submissions_user_created", "user_id", "created_at"),
        # The outbox relay's queries: queued rows not yet sent, or sent before some time.
        Index("ix_submissions_status_dispatched", "status", "dispatched_at"),
        UniqueConstraint("user_id", "idempotency_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    problem_id: Mapped[str] = mapped_column(ForeignKey("problems.id"), index=True)
    code: Mapped[str] = mapped_column(Text)
    status: Mapped[Status] = mapped_column(
        Enum(Status, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])
    )
    verdict: Mapped[Verdict | None] = mapped_column(Enum(Verdict, native_enum=False, length=8))
    score: Mapped[float | None]
    # One source of truth, the version that judged the submission (judging.finish writes it with
    # the score, from the same JudgeReport): only that version's points bound the score it gave.
    # The problem's row shows the current version, which a later sync or upload replaces, so a
    # maximum taken from it could be below the score. Until the first verdict this holds the
    # points the problem showed when it was submitted (a NOT NULL placeholder the verdict
    # replaces; tests/app/test_max_score.py).
    max_score: Mapped[float]
    error: Mapped[str | None] = mapped_column(Text, doc="why an IE happened, for admins")
    problem_version: Mapped[str | None] = mapped_column(String(64), doc="the package judged")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A judge owns the submission while `attempt` is its own and the lease has not run out;
    # the sweeper re-queues it otherwise.
    attempt: Mapped[int] = mapped_column(default=0)
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    interruptions: Mapped[int] = mapped_column(default=0, doc="leases that ran out while judging")
    # The outbox marker: when the id was last handed to the queue; None while it waits to be
    # sent (app/submissions/outbox.py).
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The client's Idempotency-Key: a retried POST returns this submission instead of a new one.
    idempotency_key: Mapped[str | None] = mapped_column(String(64))
    # `scoring: groups`: the GroupResults of judge/verdict.py as JSON ([] for the other rules).
    groups: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    # Score and verdict without the private groups: what students see until they are revealed.
    public_score: Mapped[float | None]
    public_verdict: Mapped[Verdict | None] = mapped_column(
        Enum(Verdict, native_enum=False, length=8)
    )

    user: Mapped[User] = relationship(lazy="joined")


class CaseResultRecord(Base):
    """One test of one judging attempt; reads show the rows of the submission's latest attempt."""

    __tablename__ = "test_results"
    __table_args__ = (UniqueConstraint("submission_id", "attempt", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"))
    attempt: Mapped[int]
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(100))
    sample: Mapped[bool]
    verdict: Mapped[Verdict] = mapped_column(Enum(Verdict, native_enum=False, length=8))
    score: Mapped[float]
    time_ms: Mapped[int]
    wall_ms: Mapped[int]
    memory_kb: Mapped[int]
    message: Mapped[str] = mapped_column(Text)
    private: Mapped[bool] = mapped_column(default=False, doc="in a private group")
