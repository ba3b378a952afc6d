from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status

from app import errors
from app.auth.dependencies import OPTIONAL_TOKEN, OptionalUser
from app.auth.models import User
from app.deps import DbSession
from app.leaderboard import service
from app.leaderboard.schemas import Standing, TeamStanding
from app.problems import schedule

# Everyone may read it; a token, when sent, must be valid (401 otherwise). 404: a section closed
# to this viewer, as for one that does not exist.
router = APIRouter(
    prefix="/api/leaderboard", tags=["leaderboard"], responses=errors.responses(401, 404, 422)
)

SectionQuery = Annotated[
    int | None, Query(ge=0, le=7, description="only this section's problems count")
]


def _check_section(
    request: Request, session: DbSession, user: User | None, section: int | None
) -> None:
    # A section closed to this viewer does not exist for them, as its problems do not.
    if section is not None and not schedule.for_request(request, session, user).is_open(section):
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no section {section}")


@router.get("", response_model=list[Standing], openapi_extra=OPTIONAL_TOKEN)
def leaderboard(
    request: Request, session: DbSession, user: OptionalUser, section: SectionQuery = None
) -> list[Standing]:
    _check_section(request, session, user, section)
    return service.standings(session, user, section)


@router.get("/teams", response_model=list[TeamStanding], openapi_extra=OPTIONAL_TOKEN)
def team_leaderboard(
    request: Request, session: DbSession, user: OptionalUser, section: SectionQuery = None
) -> list[TeamStanding]:
    """Teams set by administrators; each team's score sums its members' best scores."""
    _check_section(request, session, user, section)
    return service.team_standings(session, user, section)
