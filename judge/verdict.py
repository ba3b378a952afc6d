"""Verdicts and results: the plain, JSON-safe data that crosses process boundaries."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Verdict(StrEnum):
    AC = "AC"  # accepted
    WA = "WA"  # wrong answer (possibly with partial score)
    TLE = "TLE"  # CPU or wall-clock time limit exceeded
    MLE = "MLE"  # memory limit exceeded
    RE = "RE"  # runtime error: non-zero exit or killed by a signal
    OLE = "OLE"  # output limit exceeded
    IE = "IE"  # internal error: the judge's fault, never the student's


class CheckResult(BaseModel):
    """What a checker says about one test's output."""

    model_config = ConfigDict(frozen=True)

    passed: bool
    score: float = Field(ge=0.0, le=1.0)
    message: str = ""

    @classmethod
    def ok(cls, message: str = "") -> CheckResult:
        return cls(passed=True, score=1.0, message=message)

    @classmethod
    def fail(cls, message: str, score: float = 0.0) -> CheckResult:
        return cls(passed=False, score=score, message=message)


class CaseResult(BaseModel):
    """The outcome of one test of one submission."""

    name: str
    verdict: Verdict
    score: float = Field(ge=0.0, le=1.0)
    time_ms: int = 0
    wall_ms: int = 0
    memory_kb: int = 0
    message: str = ""
    sample: bool = False


class GroupResult(BaseModel):
    """The outcome of one test group (`scoring: groups`); `points` is the group's maximum."""

    name: str
    points: float
    score: float
    verdict: Verdict
    rule: str
    private: bool = False
    tests: list[str]


class JudgeReport(BaseModel):
    """The outcome of judging one submission against every test of a problem."""

    problem: str
    verdict: Verdict
    score: float
    max_score: float
    tests: list[CaseResult]
    groups: list[GroupResult] = Field(default_factory=list, description="scoring: groups only")


def overall_verdict(cases: list[CaseResult]) -> Verdict:
    """IE wins (the result cannot be trusted); otherwise the first test that did not pass."""
    if any(c.verdict is Verdict.IE for c in cases):
        return Verdict.IE
    for case in cases:
        if case.verdict is not Verdict.AC:
            return case.verdict
    return Verdict.AC


def summarize(problem: str, points: float, cases: list[CaseResult]) -> JudgeReport:
    """Problem score = points × mean test score; AC only when every test scores 1."""
    mean = sum(c.score for c in cases) / len(cases) if cases else 0.0
    return JudgeReport(
        problem=problem,
        verdict=overall_verdict(cases),
        score=round(points * mean, 6),
        max_score=float(points),
        tests=cases,
    )
