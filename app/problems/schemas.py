from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel


class ProblemSummary(BaseModel):
    id: str
    title: str
    title_ja: str | None
    section: int
    points: float
    solved_by: int
    my_best_score: float | None


class Sample(BaseModel):
    name: str
    input: str
    output: str


class ProblemDetail(BaseModel):
    id: str
    title: str
    title_ja: str | None
    section: int
    points: float
    version: str
    lang: Literal["en", "ja"]
    statement: str
    limits: dict[str, Any]
    samples: list[Sample]
    test_count: int


class PublicFile(BaseModel):
    path: str  # under files/: where a submission opens it too ("public/data/train.csv")
    size: int


class SyncReport(BaseModel):
    added: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    removed: list[str] = []
    errors: list[str] = []
