from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class AttemptsBucket(BaseModel):
    attempts: int = Field(description="submissions up to and including the first AC (1: first try)")
    users: int


class FailingTest(BaseModel):
    name: str
    sample: bool
    failed: int = Field(description="judged submissions (latest attempt) not AC on this test")
    ran: int = Field(description="judged submissions that ran this test")


class ProblemStats(BaseModel):
    id: str
    title: str
    section: int
    tried: int = Field(description="students with at least one submission")
    solved: int = Field(description="students with an AC")
    submissions: int
    pending: int = Field(description="submissions queued or being judged")
    verdicts: dict[str, int] = Field(description="finished submissions per verdict, AC to IE")
    attempts_median: float | None = Field(description="median of `attempts` over the solvers")
    attempts: list[AttemptsBucket]
    failing_tests: list[FailingTest] = Field(description="the tests failed most, at most five")


class MinuteCount(BaseModel):
    minute: datetime = Field(description="start of the minute (UTC)")
    submissions: int
    accepted: int


class Dashboard(BaseModel):
    generated_at: datetime
    students: int = Field(description="accounts that are not administrators")
    window_minutes: int
    activity: list[MinuteCount] = Field(description="one entry per minute, oldest first")
    problems: list[ProblemStats]
