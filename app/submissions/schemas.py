from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from fastapi import Path as PathParam
from fastapi import Query
from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from app.problems.schemas import ProblemIdField
from app.submissions.models import Status
from judge.verdict import Verdict


class SubmissionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    problem_id: ProblemIdField
    # The size limit comes from the settings: the service checks it (422 over `max_code_bytes`
    # characters, 413 over that many bytes) and app/contract.py states it in the document.
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
    problem_version: str | None = Field(
        None,
        description="the problem version (sha256 of its package) the submission was judged "
        "with; administrators only",
    )
    tests: list[TestResultOut]
    groups: list[GroupOut] = Field(default_factory=list, description="scoring: groups only")


class SubmissionPage(BaseModel):
    items: list[SubmissionListItem]
    total: int
    limit: int
    offset: int


# Ids are 32-bit in the database: a larger number in a URL is a 422, not a database error.
SubmissionId = Annotated[int, PathParam(ge=1, le=2**31 - 1)]


_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


def _date_time_text(value: object) -> object:
    # Pydantic would take "1712000000" (or "0.5") for seconds since 1970; the schema says
    # `format: date-time`, so only that is accepted.
    if isinstance(value, str) and not _DATE_TIME.match(value):
        raise ValueError("an RFC 3339 date-time with its offset, e.g. 2026-04-01T09:00:00+09:00")
    return value


DateTimeQuery = Annotated[
    AwareDatetime | None, BeforeValidator(_date_time_text), Query(description="RFC 3339")
]
