from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status

from app.auth.dependencies import OptionalUser
from app.auth.models import User
from app.deps import DbSession
from app.leaderboard import service
from app.leaderboard.schemas import Standing, TeamStanding
from app.problems import schedule

router = APIRouter(prefix="/api/leaderboard", tags=["leaderboard"])

SectionQuery = Annotated[
    int | None, Query(ge=0, le=7, description="only this section's problems count")
]


def _check_section(
    request: Request, session: DbSession, user: User | None, section: int | None
) -> None:
    # A section closed to this viewer does not exist for them, as its problems do not.
    if section is not None and not schedule.for_request(request, session, user).is_open(section):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no section {section}")


@router.get("", response_model=list[Standing])
def leaderboard(
    request: Request, session: DbSession, user: OptionalUser, section: SectionQuery = None
) -> list[Standing]:
    _check_section(request, session, user, section)
    return service.standings(session, user, section)


@router.get("/teams", response_model=list[TeamStanding])
def team_leaderboard(
    request: Request, session: DbSession, user: OptionalUser, section: SectionQuery = None
) -> list[TeamStanding]:
    """Teams set by administrators; each team's score sums its members' best scores."""
    _check_section(request, session, user, section)
    return service.team_standings(session, user, section)
