from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Request, status

from app.auth.dependencies import OptionalUser
from app.deps import DbSession
from app.problems import schedule, service
from app.problems.schemas import ProblemDetail, ProblemSummary, Sample

router = APIRouter(prefix="/api/problems", tags=["problems"])


@router.get("", response_model=list[ProblemSummary])
def list_problems(request: Request, session: DbSession, user: OptionalUser) -> list[ProblemSummary]:
    """Every active problem the viewer may see now (students: open sections only);
    `my_best_score` is filled in when a token is sent."""
    return service.list_problems(session, user, schedule.for_request(request, session, user))


@router.get("/{problem_id}", response_model=ProblemDetail)
def get_problem(
    problem_id: str,
    request: Request,
    session: DbSession,
    user: OptionalUser,
    lang: Literal["en", "ja"] = "en",
) -> ProblemDetail:
    # A problem of a section not yet open is, for a student, a problem that does not exist.
    seen_by = schedule.for_request(request, session, user)
    record = schedule.visible_problem(session, problem_id, seen_by)
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no problem {problem_id!r}")
    # A problem without a Japanese statement answers in English and says so in `lang`.
    served = "ja" if lang == "ja" and record.statement_ja else "en"
    return ProblemDetail(
        id=record.id,
        title=record.title,
        title_ja=record.title_ja,
        section=record.section,
        points=record.points,
        version=record.version,
        lang=served,
        statement=record.statement_ja if served == "ja" else record.statement_en,
        limits=record.limits,
        samples=[Sample(**s) for s in record.samples],
        test_count=record.test_count,
    )
