"""The runtime page: what a submission can import, with versions, and what it cannot do."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.deps import AppSettings
from app.web.rendering import render
from app.web.session import CurrentVisitor
from judge import runtime

router = APIRouter(include_in_schema=False)


@router.get("/runtime")
def runtime_page(request: Request, visitor: CurrentVisitor, settings: AppSettings) -> Response:
    return render(request, visitor, settings, "runtime.html", {"runtime": runtime.describe()})
