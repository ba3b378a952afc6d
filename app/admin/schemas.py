from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class UploadResult(BaseModel):
    id: str
    version: str
    replaced: bool


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
