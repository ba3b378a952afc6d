from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm

from app.auth import service, throttle
from app.auth.dependencies import ClientAddress, CurrentToken, CurrentUser
from app.auth.schemas import TokenOut, UserCreate, UserOut
from app.db import utcnow
from app.deps import AppSettings, DbSession

router = APIRouter(prefix="/api", tags=["auth"])


@router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserOut)
def register(
    body: UserCreate, session: DbSession, settings: AppSettings, address: ClientAddress
) -> UserOut:
    try:
        user = service.register(session, settings, body.username, body.password, address, utcnow())
    except throttle.Throttled as exc:
        raise _too_many(
            f"too many accounts created from this address; retry in {exc.retry_after_s} s", exc
        ) from None
    except service.UsernameTaken:
        raise HTTPException(status.HTTP_409_CONFLICT, "username already taken") from None
    return UserOut.model_validate(user)


@router.post("/token", response_model=TokenOut)
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: DbSession,
    settings: AppSettings,
    address: ClientAddress,
) -> TokenOut | JSONResponse:
    try:
        user = service.log_in(session, settings, form.username, form.password, address, utcnow())
    except throttle.Throttled as exc:
        raise _too_many(f"too many failed logins; retry in {exc.retry_after_s} s", exc) from None
    if user is None:
        # Returned, not raised: the request's transaction commits only when the route returns,
        # and the failure just counted must be kept.
        return JSONResponse(
            {"detail": "wrong username or password"},
            status.HTTP_401_UNAUTHORIZED,
            {"WWW-Authenticate": "Bearer"},
        )
    token, record = service.issue_token(
        session, user, settings.secret_key.get_secret_value(), settings.token_ttl_s
    )
    return TokenOut(access_token=token, expires_at=record.expires_at)


@router.delete("/token", status_code=status.HTTP_204_NO_CONTENT)
async def logout(record: CurrentToken) -> None:
    """Revoke the token this request was made with."""
    service.revoke(record)


@router.get("/me", response_model=UserOut)
async def me(user: CurrentUser) -> UserOut:
    return UserOut.model_validate(user)


def _too_many(detail: str, exc: throttle.Throttled) -> HTTPException:
    headers = {"Retry-After": str(exc.retry_after_s)}
    return HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, detail, headers)
