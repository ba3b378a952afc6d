"""Log in, register and log out: forms over the auth service, ending in a session cookie."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, status
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from app.auth import service as auth
from app.auth import throttle
from app.auth.dependencies import ClientAddress
from app.auth.models import User
from app.auth.schemas import UserCreate
from app.db import utcnow
from app.deps import AppSettings, DbSession
from app.settings import Settings
from app.web import i18n
from app.web.i18n import N_
from app.web.rendering import render
from app.web.session import (
    CSRF_FIELD,
    EXPIRED_FORM,
    CurrentVisitor,
    Visitor,
    end_session,
    start_session,
)

router = APIRouter(include_in_schema=False)

FormText = Annotated[str, Form()]

# The API's account schema says what is wrong in English (the API's language); these are its
# messages, listed so that the catalogue translates them for the form.
ACCOUNT_RULES = {
    N_("3 to 32 characters: letters, digits, '_' and '-', starting with a letter or digit"),
    N_("at least 8 characters"),
    N_("too repetitive: use at least 4 different characters"),
    N_("the password must not contain the username"),
}


def safe_next(target: str | None) -> str:
    """Only a path on this site: `//evil.example` or `https://…` would send the user away."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _signed_in(
    request: Request, visitor: Visitor, settings: Settings, session: DbSession, user: User, to: str
) -> Response:
    token, _record = auth.issue_token(
        session, user, settings.secret_key.get_secret_value(), settings.token_ttl_s
    )
    response = RedirectResponse(safe_next(to), status.HTTP_303_SEE_OTHER)
    start_session(request, response, visitor, token, settings.token_ttl_s)
    return response


@router.get("/login")
async def login_form(
    request: Request, visitor: CurrentVisitor, settings: AppSettings, next: str = "/"
) -> Response:
    return render(request, visitor, settings, "login.html", {"next": safe_next(next)})


@router.post("/login")
def login(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    address: ClientAddress,
    username: FormText = "",
    password: FormText = "",
    next: FormText = "/",
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    _ = i18n.gettext_for(request)

    def again(message: str, status_code: int) -> Response:
        context = {"next": safe_next(next), "username": username, "error": message}
        return render(request, visitor, settings, "login.html", context, status_code)

    if not visitor.csrf_ok(settings, csrf_token):
        return again(_(EXPIRED_FORM), status.HTTP_403_FORBIDDEN)
    try:
        user = auth.log_in(session, settings, username, password, address, utcnow())
    except throttle.Throttled as exc:
        message = _("Too many failed logins: try again in %(retry)d s.")
        refusal = again(message % {"retry": exc.retry_after_s}, status.HTTP_429_TOO_MANY_REQUESTS)
        return _retry_later(refusal, exc)
    if user is None:
        return again(_("Wrong username or password."), status.HTTP_401_UNAUTHORIZED)
    return _signed_in(request, visitor, settings, session, user, next)


@router.get("/register")
async def register_form(
    request: Request, visitor: CurrentVisitor, settings: AppSettings
) -> Response:
    return render(request, visitor, settings, "register.html")


@router.post("/register")
def register(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    address: ClientAddress,
    username: FormText = "",
    password: FormText = "",
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    _ = i18n.gettext_for(request)

    def again(errors: dict[str, str], status_code: int) -> Response:
        context = {"username": username, "errors": errors}
        return render(request, visitor, settings, "register.html", context, status_code)

    if not visitor.csrf_ok(settings, csrf_token):
        return again({"form": _(EXPIRED_FORM)}, status.HTTP_403_FORBIDDEN)
    # The API's own schema decides what a valid account is, with the same messages.
    try:
        wanted = UserCreate(username=username, password=password)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for problem in exc.errors():
            field = str(problem["loc"][0]) if problem["loc"] else "form"
            errors.setdefault(field, _field_error(problem, _))
        return again(errors, status.HTTP_422_UNPROCESSABLE_CONTENT)
    try:
        user = auth.register(session, settings, wanted.username, wanted.password, address, utcnow())
    except throttle.Throttled as exc:
        message = _("Too many accounts were created from this address: try again in %(retry)d s.")
        refused = {"form": message % {"retry": exc.retry_after_s}}
        return _retry_later(again(refused, status.HTTP_429_TOO_MANY_REQUESTS), exc)
    except auth.UsernameTaken:
        taken = {"username": _("This username is already taken.")}
        return again(taken, status.HTTP_409_CONFLICT)
    return _signed_in(request, visitor, settings, session, user, "/")


def _retry_later(response: Response, exc: throttle.Throttled) -> Response:
    response.headers["Retry-After"] = str(exc.retry_after_s)
    return response


def _field_error(problem: Any, _: Callable[[str], str]) -> str:
    if problem["type"] == "string_too_long":
        return _("at most %(count)d characters") % {"count": problem["ctx"]["max_length"]}
    message = problem["msg"].removeprefix("Value error, ")
    return _(message) if message in ACCOUNT_RULES else message


@router.get("/logout")
async def logout_form(request: Request, visitor: CurrentVisitor, settings: AppSettings) -> Response:
    if visitor.user is None:
        return RedirectResponse("/", status.HTTP_303_SEE_OTHER)
    return render(request, visitor, settings, "logout.html")


@router.post("/logout")
async def logout(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    if not visitor.csrf_ok(settings, csrf_token):
        context = {"error": i18n.gettext_for(request)(EXPIRED_FORM)}
        return render(request, visitor, settings, "logout.html", context, status.HTTP_403_FORBIDDEN)
    response = RedirectResponse("/", status.HTTP_303_SEE_OTHER)
    end_session(request, response, visitor)
    return response
