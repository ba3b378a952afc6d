"""Jinja templates and the one function every page goes through to become a response."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.settings import Settings
from app.web import i18n
from app.web.highlight import python_html
from app.web.i18n import N_
from app.web.session import CSRF_FIELD, Visitor, write_cookies

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"

templates = Jinja2Templates(directory=HERE / "templates")
# Labels go through gettext (`{{ _("...") }}`, `{% trans %}`) into the page's language (i18n.py).
templates.env.add_extension("jinja2.ext.i18n")
# attr-defined: the i18n extension adds this method to the environment at run time
templates.env.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.gettext, i18n.ngettext, newstyle=True
)


def _points(value: float | None) -> str:
    """Scores and points as people write them: 100, 33.33, never 100.0."""
    return "–" if value is None else f"{round(value, 2):g}"


def _moment(value: datetime | None) -> str:
    return "–" if value is None else value.strftime("%Y-%m-%d %H:%M:%S UTC")


def _filesize(size: int) -> str:
    if size < 1024:
        return i18n.gettext("%(size)d bytes") % {"size": size}
    return f"{size / 1024:.1f} KiB" if size < 1 << 20 else f"{size / 2**20:.1f} MiB"


templates.env.filters["points"] = _points
templates.env.filters["filesize"] = _filesize
templates.env.filters["moment"] = _moment
templates.env.filters["python"] = python_html  # submitted code, highlighted with line numbers
# Audit details as written (Japanese team names stay readable; autoescaping still applies).
templates.env.filters["json_text"] = lambda value: json.dumps(value, ensure_ascii=False)


class _Translated(Mapping[str, str]):
    """A table of English labels that reads out in the language of the page being rendered."""

    def __init__(self, labels: dict[str, str]):
        self._labels = labels

    def __getitem__(self, key: str) -> str:
        return i18n.gettext(self._labels[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)


# Shown as a tooltip on the badges, so the abbreviations explain themselves.
VERDICT_NAMES = {
    "AC": N_("Accepted"),
    "WA": N_("Wrong answer"),
    "TLE": N_("Time limit exceeded"),
    "MLE": N_("Memory limit exceeded"),
    "RE": N_("Runtime error"),
    "OLE": N_("Output limit exceeded"),
    "IE": N_("Internal error (the judge's fault; it will be looked at)"),
}
# A submission's status as the pages show it (the API and the event stream send the raw value).
STATUS_NAMES = {"queued": N_("queued"), "judging": N_("judging"), "done": N_("done")}
templates.env.globals["verdict_names"] = _Translated(VERDICT_NAMES)
templates.env.globals["status_names"] = _Translated(STATUS_NAMES)
templates.env.globals["language_names"] = i18n.NAMES


def _here(request: Request) -> str:
    """Where the language switch sends the browser back to: this page, or for a page that
    answers a form (a POST), the page the form was on."""
    if request.method == "GET":
        query = request.url.query
        return request.url.path + (f"?{query}" if query else "")
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc and referer.path.startswith("/"):
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return "/"


def render(
    request: Request,
    visitor: Visitor,
    settings: Settings,
    template: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    # A fresh nonce per response for the one inline <style> a page may get: CodeMirror (style-mod)
    # writes its styles into a <style> element of the document (constructed stylesheets only
    # in shadow roots), and the editor's script hands this nonce to it (EditorView.cspNonce).
    # Markup injected into a page cannot know the nonce, so style-src stays as strict as 'self'.
    nonce = secrets.token_urlsafe(16)
    lang = i18n.choose(request)
    page = {
        "csp_nonce": nonce,
        "page_lang": lang,
        "here": _here(request),
        "user": visitor.user,
        "csrf_field": CSRF_FIELD,
        "csrf_token": visitor.csrf_token(settings),
        "judging": request.app.state.judging.status(),  # the footer's line; cached
        **(context or {}),
    }
    with i18n.speaking(lang):  # the template is rendered right here, synchronously
        response = templates.TemplateResponse(request, template, page, status_code=status_code)
    # Pages show what the visitor may see right now; a back button must not show a stale one.
    response.headers["Cache-Control"] = "no-store"
    # Scripts, styles and streams come only from here, and no other site may frame a form.
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; style-src 'self' 'nonce-{nonce}'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
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
