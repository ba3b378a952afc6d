from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class Standing(BaseModel):
    rank: int
    username: str
    score: float
    solved: int
    last_improvement: datetime | None
