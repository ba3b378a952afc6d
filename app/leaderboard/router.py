from __future__ import annotations

from fastapi import APIRouter

from app.auth.dependencies import OptionalUser
from app.deps import DbSession
from app.leaderboard import service
from app.leaderboard.schemas import Standing

router = APIRouter(prefix="/api/leaderboard", tags=["leaderboard"])


@router.get("", response_model=list[Standing])
def leaderboard(session: DbSession, user: OptionalUser) -> list[Standing]:
    return service.standings(session, user)
