"""Who is browsing, and whether a form really came from our own page.

The session cookie holds a token from the auth service, the same kind as an API bearer token: it
expires, and logging out revokes it. The CSRF token of a form is an HMAC of a random per-browser
cookie (renewed at login and logout), so another site can neither read nor forge it, and a value
planted before login stops working after it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated, Literal, TypedDict

from fastapi import Depends, Request, Response

from app.auth import service as auth
from app.auth.models import ApiToken, User
from app.deps import AppSettings, DbSession
from app.settings import Settings
from app.web.i18n import N_

SESSION_COOKIE = "mljudge_session"
CSRF_COOKIE = "mljudge_csrf"
CSRF_FIELD = "csrf_token"
# What a form with a missing or wrong CSRF token is told (it is shown again, filled in).
EXPIRED_FORM = N_("This form expired or did not come from this site. Please send it again.")


@dataclass
class Visitor:
    """The browser behind a request: its live token (None when anonymous) and CSRF secret.

    `new_csrf_secret` is set when the browser has no secret yet (or gets a new one); the page
    renderer then sends it as a cookie."""

    token: ApiToken | None
    csrf_secret: str
    new_csrf_secret: bool
    had_dead_session: bool

    @property
    def user(self) -> User | None:
        return self.token.user if self.token else None

    def csrf_token(self, settings: Settings) -> str:
        key = settings.secret_key.get_secret_value().encode()
        return hmac.new(key, b"csrf:" + self.csrf_secret.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, settings: Settings, submitted: str) -> bool:
        # A secret made during this very request was never in a page, so nothing can match it.
        if self.new_csrf_secret:
            return False
        return hmac.compare_digest(self.csrf_token(settings), submitted)

    def renew_csrf_secret(self) -> None:
        self.csrf_secret, self.new_csrf_secret = secrets.token_urlsafe(32), True


# Looks the token up in the database, so a plain `def` (FastAPI runs it in a worker thread).
def _visitor(request: Request, session: DbSession, settings: AppSettings) -> Visitor:
    token = None
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        token = auth.find_token(session, cookie, settings.secret_key.get_secret_value())
    secret = request.cookies.get(CSRF_COOKIE)
    return Visitor(
        token=token,
        csrf_secret=secret or secrets.token_urlsafe(32),
        new_csrf_secret=not secret,
        had_dead_session=bool(cookie) and token is None,
    )


CurrentVisitor = Annotated[Visitor, Depends(_visitor)]


class CookieOptions(TypedDict):
    httponly: bool
    samesite: Literal["lax", "strict", "none"]
    secure: bool
    path: str


def cookie_options(request: Request) -> CookieOptions:
    # Secure only over HTTPS, so the embedded service on http://127.0.0.1 still works.
    return {
        "httponly": True,
        "samesite": "lax",
        "secure": request.url.scheme == "https",
        "path": "/",
    }


def write_cookies(request: Request, response: Response, visitor: Visitor) -> None:
    """Send what changed about the visitor: a new CSRF secret, a session that is gone."""
    if visitor.new_csrf_secret:
        response.set_cookie(CSRF_COOKIE, visitor.csrf_secret, **cookie_options(request))
    if visitor.had_dead_session:
        response.delete_cookie(SESSION_COOKIE, **cookie_options(request))


def start_session(
    request: Request, response: Response, visitor: Visitor, token: str, max_age_s: int
) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age_s, **cookie_options(request))
    visitor.had_dead_session = False
    visitor.renew_csrf_secret()
    write_cookies(request, response, visitor)


def end_session(request: Request, response: Response, visitor: Visitor) -> None:
    if visitor.token is not None:
        auth.revoke(visitor.token)
    response.delete_cookie(SESSION_COOKIE, **cookie_options(request))
    visitor.had_dead_session = False
    visitor.renew_csrf_secret()
    write_cookies(request, response, visitor)
