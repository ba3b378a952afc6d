"""Who is asking: the bearer token turned into a user, or a 401/403."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer

from app.auth import service
from app.auth.models import ApiToken, User
from app.deps import AppSettings, DbSession

_bearer = OAuth2PasswordBearer(tokenUrl="/api/token", auto_error=False)
_CHALLENGE = {"WWW-Authenticate": "Bearer"}
# `openapi_extra` of a route using OptionalUser: the token is optional (an empty requirement).
OPTIONAL_TOKEN: dict[str, Any] = {"security": [{}]}


# The token lookup queries the database, so it stays a plain `def` (run in a worker thread);
# the rest only inspect what it found and run on the event loop.
def _optional_token(
    session: DbSession, settings: AppSettings, token: Annotated[str | None, Depends(_bearer)]
) -> ApiToken | None:
    if token is None:
        return None
    record = service.find_token(session, token, settings.secret_key.get_secret_value())
    if record is None:
        # A token that was sent but is wrong is an error even where anonymous reads are fine.
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or expired token", _CHALLENGE)
    return record


async def _token(record: Annotated[ApiToken | None, Depends(_optional_token)]) -> ApiToken:
    if record is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "not authenticated", _CHALLENGE)
    return record


async def _optional_user(
    record: Annotated[ApiToken | None, Depends(_optional_token)],
) -> User | None:
    return record.user if record else None


async def _user(record: Annotated[ApiToken, Depends(_token)]) -> User:
    return record.user


async def _admin(user: Annotated[User, Depends(_user)]) -> User:
    if not user.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "administrators only")
    return user


async def _client_address(request: Request) -> str:
    # The peer uvicorn reports: behind a proxy, the proxy, unless uvicorn is told to trust its
    # X-Forwarded-For (`--proxy-headers --forwarded-allow-ips`).
    return request.client.host if request.client else "unknown"


CurrentToken = Annotated[ApiToken, Depends(_token)]
CurrentUser = Annotated[User, Depends(_user)]
OptionalUser = Annotated[User | None, Depends(_optional_user)]
AdminUser = Annotated[User, Depends(_admin)]
ClientAddress = Annotated[str, Depends(_client_address)]
