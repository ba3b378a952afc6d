from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic.json_schema import SkipJsonSchema


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


def _integral(value: object) -> object:
    # JSON has one number type: 3.0 is the integer 3 (as JSON Schema says), `false` is not 0.
    return int(value) if isinstance(value, float) and value.is_integer() else value


class CurrentSection(BaseModel):
    # strict: JSON `false` is not section 0, nor "3" section 3
    model_config = ConfigDict(extra="forbid", strict=True)

    section: Annotated[int | None, BeforeValidator(_integral)] = Field(
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


def _without_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


class UserUpdate(BaseModel):
    """Only the fields sent change; `team: null` (or "") takes the user out of their team."""

    model_config = ConfigDict(extra="forbid", strict=True)

    team: str | None = Field(
        None, max_length=200, description=f"at most {TEAM_MAX} characters once trimmed"
    )
    # Left out: unchanged. `null` is refused (by the validator, with a message saying so), and
    # the schema states only `boolean`, without the default None it cannot be sent as.
    is_admin: bool | SkipJsonSchema[None] = Field(None, json_schema_extra=_without_default)

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
