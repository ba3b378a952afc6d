"""The teacher's dashboard page: the numbers of GET /api/admin/dashboard as charts and tables,
meant for a projector during the lecture (large type, server-drawn charts; a small script reloads
it every 20 s unless the teacher unticks its box)."""

from __future__ import annotations

from fastapi import APIRouter, Request, status
from fastapi.responses import RedirectResponse, Response

from app.dashboard import charts
from app.dashboard import service as dashboard
from app.deps import AppSettings, DbSession
from app.web.rendering import error_page, render
from app.web.session import CurrentVisitor

router = APIRouter(include_in_schema=False)

# Often enough to watch submissions arrive, rarely enough not to load the database.
REFRESH_S = 20


@router.get("/admin/dashboard")
def dashboard_page(
    request: Request, visitor: CurrentVisitor, settings: AppSettings, session: DbSession
) -> Response:
    if visitor.user is None:
        return RedirectResponse(f"/login?next={request.url.path}", status.HTTP_303_SEE_OTHER)
    if not visitor.user.is_admin:
        return error_page(request, visitor, settings, 403, "The dashboard is for administrators.")
    board = dashboard.dashboard(session, request.app.state.clock())
    context = {"board": board, "charts": charts, "refresh_s": REFRESH_S}
    return render(request, visitor, settings, "dashboard.html", context)
