"""Jinja templates and the one function every page goes through to become a response."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.settings import Settings
from app.web.session import CSRF_FIELD, Visitor, write_cookies

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"

templates = Jinja2Templates(directory=HERE / "templates")
# Labels may go through gettext (`{{ _("...") }}`, `{% trans %}`) so that message catalogues can
# translate them; with the null translations installed here they show as written.
templates.env.add_extension("jinja2.ext.i18n")
templates.env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]


def _points(value: float | None) -> str:
    """Scores and points as people write them: 100, 33.33, never 100.0."""
    return "–" if value is None else f"{round(value, 2):g}"


def _moment(value: datetime | None) -> str:
    return "–" if value is None else value.strftime("%Y-%m-%d %H:%M:%S UTC")


def _filesize(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    return f"{size / 1024:.1f} KiB" if size < 1 << 20 else f"{size / 2**20:.1f} MiB"


templates.env.filters["points"] = _points
templates.env.filters["filesize"] = _filesize
templates.env.filters["moment"] = _moment
# Audit details as written (Japanese team names stay readable; autoescaping still applies).
templates.env.filters["json_text"] = lambda value: json.dumps(value, ensure_ascii=False)
# Shown as a tooltip on the badges, so the abbreviations explain themselves.
templates.env.globals["verdict_names"] = {
    "AC": "Accepted",
    "WA": "Wrong answer",
    "TLE": "Time limit exceeded",
    "MLE": "Memory limit exceeded",
    "RE": "Runtime error",
    "OLE": "Output limit exceeded",
    "IE": "Internal error (the judge's fault; it will be looked at)",
}


def render(
    request: Request,
    visitor: Visitor,
    settings: Settings,
    template: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    page = {
        "user": visitor.user,
        "csrf_field": CSRF_FIELD,
        "csrf_token": visitor.csrf_token(settings),
        **(context or {}),
    }
    response = templates.TemplateResponse(request, template, page, status_code=status_code)
    # Pages show what the visitor may see right now; a back button must not show a stale one.
    response.headers["Cache-Control"] = "no-store"
    # Scripts, styles and streams come only from here, and no other site may frame a form.
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    )
    write_cookies(request, response, visitor)
    return response


def error_page(
    request: Request, visitor: Visitor, settings: Settings, status_code: int, message: str
) -> HTMLResponse:
    return render(
        request,
        visitor,
        settings,
        "error.html",
        {"status_code": status_code, "message": message},
        status_code,
    )
