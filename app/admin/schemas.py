from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ReferenceTest(BaseModel):
    """One test of the uploaded package's reference solution, as the validation judged it."""

    name: str
    sample: bool
    verdict: str
    score: float
    time_ms: int
    message: str


class UploadResult(BaseModel):
    id: str
    version: str
    replaced: bool
    # The reference solution's results, test by test (what made the package fit to go live).
    reference: list[ReferenceTest] = []
    # What `mljudge problems check` warns of too (judge.validation.check_package): no refusal.
    warnings: list[str] = []


class RejudgeResult(BaseModel):
    requeued: list[int]


class CurrentSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    section: int | None = Field(
        description="sections up to this one are open to students; null clears it", ge=0, le=7
    )


class SectionState(BaseModel):
    section: int
    title: str | None
    title_ja: str | None
    release: datetime | None
    open: bool = Field(description="open to students now")
    problems: int = Field(description="active problems in the section")


class SectionsOverview(BaseModel):
    current: int | None
    now: datetime
    errors: list[str] = Field(description="what is wrong with sections.yaml, if anything")
    sections: list[SectionState]


class ProblemState(BaseModel):
    id: str
    title: str
    section: int
    points: float
    version: str
    active: bool = Field(description="false once the package is gone from problems/")
    open: bool = Field(description="its section is open to students now")
    updated_at: datetime
    submissions: int


TEAM_MAX = 32


class UserUpdate(BaseModel):
    """Only the fields sent change; `team: null` (or "") takes the user out of their team."""

    model_config = ConfigDict(extra="forbid")

    team: str | None = Field(None, max_length=200)
    is_admin: bool | None = None

    @field_validator("team")
    @classmethod
    def _team_shape(cls, team: str | None) -> str | None:
        if team is None:
            return None
        team = unicodedata.normalize("NFC", team).strip()
        if not team:
            return None
        if len(team) > TEAM_MAX:
            raise ValueError(f"at most {TEAM_MAX} characters")
        if any(unicodedata.category(c).startswith("C") for c in team):
            raise ValueError("no control or invisible characters")
        return team

    @field_validator("is_admin")
    @classmethod
    def _not_null(cls, is_admin: bool | None) -> bool | None:
        if is_admin is None:
            raise ValueError("true or false; leave it out to keep it")
        return is_admin


class AdminUserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    is_admin: bool
    team: str | None
    created_at: datetime


class UserPage(BaseModel):
    items: list[AdminUserOut]
    total: int
    limit: int
    offset: int


class AuditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    created_at: datetime
    username: str = Field(description="who (the name at the time)")
    action: str = Field(description="what, e.g. problems.upload, users.update")
    details: dict[str, Any]


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    total: int
    limit: int
    offset: int
