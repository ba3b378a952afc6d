"""The web UI: every page, plus its stylesheet and script, under one router for `create_app`."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.staticfiles import StaticFiles

from app.web import (
    admin_pages,
    auth_pages,
    dashboard_page,
    language,
    problem_pages,
    runtime_page,
    submission_pages,
)
from app.web.rendering import STATIC_DIR

router = APIRouter(include_in_schema=False)
for pages in (
    auth_pages,
    language,
    problem_pages,
    submission_pages,
    runtime_page,
    dashboard_page,
    admin_pages,
):
    router.include_router(pages.router)

# Mounted by create_app beside the router (a router cannot carry a mount of its own).
static_files = StaticFiles(directory=STATIC_DIR)
