"""The language switch in every page's header: a form that sets the `lang` cookie and goes back."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import RedirectResponse, Response

from app.deps import AppSettings
from app.web import i18n
from app.web.auth_pages import safe_next
from app.web.rendering import error_page
from app.web.session import CSRF_FIELD, EXPIRED_FORM, CurrentVisitor, cookie_options

router = APIRouter(include_in_schema=False)


# A POST with the CSRF token, like every form: another site cannot switch a visitor's language.
@router.post("/lang")
async def switch_language(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    lang: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    _ = i18n.gettext_for(request)
    if lang not in i18n.LANGUAGES:
        message = _("There is no language %(lang)r.") % {"lang": lang}
        unknown = status.HTTP_422_UNPROCESSABLE_CONTENT
        return error_page(request, visitor, settings, unknown, message)
    if not visitor.csrf_ok(settings, csrf_token):
        return error_page(request, visitor, settings, status.HTTP_403_FORBIDDEN, _(EXPIRED_FORM))
    response = RedirectResponse(safe_next(next), status.HTTP_303_SEE_OTHER)
    response.set_cookie(i18n.COOKIE, lang, max_age=i18n.COOKIE_MAX_AGE_S, **cookie_options(request))
    return response
