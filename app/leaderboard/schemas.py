from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


class Standing(BaseModel):
    rank: int
    username: str
    team: str | None = None
    score: float
    solved: int
    last_improvement: datetime | None


class TeamStanding(BaseModel):
    rank: int
    team: str
    score: float = Field(description="the sum of its members' best scores per problem")
    solved: int = Field(description="problems some member has solved")
    members: list[str]
    last_improvement: datetime | None = Field(description="the latest of its members'")
