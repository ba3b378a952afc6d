from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import BaseModel, Field

from judge.spec import PROBLEM_ID

# A problem's id as its package declares it (judge/spec.py); the OpenAPI document lists the ids
# of the problems open now as examples (app/openapi.py).
PROBLEM_ID_RULES: dict[str, Any] = {"pattern": PROBLEM_ID, "max_length": 40}
ProblemIdPath = Annotated[str, Path(description="a problem's id", **PROBLEM_ID_RULES)]
ProblemIdQuery = Annotated[
    str | None, Query(description="only this problem's submissions", **PROBLEM_ID_RULES)
]
ProblemIdField = Annotated[str, Field(description="a problem's id", **PROBLEM_ID_RULES)]


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
