from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Path as PathParam
from pydantic import BaseModel, ConfigDict, Field

from app.submissions.models import Status
from judge.verdict import Verdict


class SubmissionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    problem_id: str = Field(min_length=1, max_length=40)
    # The 64 KiB limit is checked on the encoded size and answered with 413, not 422.
    code: str = Field(min_length=1)


class SubmissionCreated(BaseModel):
    id: int
    status: Status


class TestResultOut(BaseModel):
    """Hidden tests carry only verdict, time and memory: names, scores and messages of hidden
    tests would leak their content to a student probing with crafted submissions."""

    position: int
    sample: bool
    verdict: Verdict
    time_ms: int
    memory_kb: int
    name: str | None = None
    score: float | None = None
    wall_ms: int | None = None
    message: str | None = None


class GroupOut(BaseModel):
    """One test group's result (`scoring: groups`). A private group shows no score or verdict to
    students until `hidden_until`; `tests` are positions in `tests`, never hidden tests' names."""

    name: str
    points: float
    rule: str
    private: bool
    tests: list[int]
    score: float | None
    verdict: Verdict | None
    hidden_until: datetime | None = None


class SubmissionListItem(BaseModel):
    id: int
    username: str
    problem_id: str
    status: Status
    verdict: Verdict | None
    score: float | None
    max_score: float
    created_at: datetime
    private_hidden_until: datetime | None = Field(
        None, description="set while verdict and score cover only the public groups"
    )


class SubmissionOut(SubmissionListItem):
    finished_at: datetime | None
    code: str
    error: str | None = Field(None, description="why judging failed (IE); administrators only")
    tests: list[TestResultOut]
    groups: list[GroupOut] = Field(default_factory=list, description="scoring: groups only")


class SubmissionPage(BaseModel):
    items: list[SubmissionListItem]
    total: int
    limit: int
    offset: int


# Ids are 32-bit in the database: a larger number in a URL is a 422, not a database error.
SubmissionId = Annotated[int, PathParam(ge=1, le=2**31 - 1)]
