from __future__ import annotations

from fastapi import APIRouter, Request

from app import errors
from app.auth.dependencies import AdminUser
from app.dashboard import service
from app.dashboard.schemas import Dashboard
from app.deps import DbSession

router = APIRouter(prefix="/api/admin", tags=["admin"], responses=errors.responses(401, 403))


@router.get("/dashboard", response_model=Dashboard)
def get_dashboard(request: Request, session: DbSession, _: AdminUser) -> Dashboard:
    """The teacher's dashboard as JSON: per problem tried / solved, verdicts, attempts until the
    first AC, the most failed tests; submissions per minute over the last two hours."""
    return service.dashboard(session, request.app.state.clock())
