from __future__ import annotations

from pydantic import BaseModel


class UploadResult(BaseModel):
    id: str
    version: str
    replaced: bool


class RejudgeResult(BaseModel):
    requeued: list[int]
