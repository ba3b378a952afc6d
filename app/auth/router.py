from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.responses import Response
from fastapi.security import OAuth2PasswordRequestForm

from app import errors
from app.auth import service
from app.auth.dependencies import ClientAddress, CurrentToken, CurrentUser
from app.auth.schemas import TokenOut, UserCreate, UserOut
from app.db import utcnow
from app.deps import AppSettings, DbSession

router = APIRouter(prefix="/api", tags=["auth"])


@router.post(
    "/users",
    status_code=status.HTTP_201_CREATED,
    response_model=UserOut,
    responses={
        201: {
            "links": {
                "UpdateUser": {
                    "operationRef": "#/paths/~1api~1admin~1users~1{username}/put",
                    "parameters": {"username": "$response.body#/username"},
                }
            }
        },
        **errors.responses(400, 409, 413, 422, 429),
    },
)
def register(
    body: UserCreate, session: DbSession, settings: AppSettings, address: ClientAddress
) -> UserOut:
    """A student's account; 409 when the username is taken, 429 when this address made too
    many accounts lately."""
    user = service.register(session, settings, body.username, body.password, address, utcnow())
    return UserOut.model_validate(user)


@router.post("/token", response_model=TokenOut, responses=errors.responses(400, 401, 413, 422, 429))
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: DbSession,
    settings: AppSettings,
    address: ClientAddress,
) -> TokenOut | Response:
    """A bearer token; 401 for a wrong username or password, 429 after too many failures of the
    username or from this address (whatever the password)."""
    user = service.log_in(session, settings, form.username, form.password, address, utcnow())
    if user is None:
        # Returned, not raised: the request's transaction commits only when the route returns,
        # and the failure just counted must be kept.
        return errors.error_response(
            status.HTTP_401_UNAUTHORIZED,
            "wrong username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    token, record = service.issue_token(
        session, user, settings.secret_key.get_secret_value(), settings.token_ttl_s
    )
    return TokenOut(access_token=token, expires_at=record.expires_at)


@router.delete("/token", status_code=status.HTTP_204_NO_CONTENT, responses=errors.responses(401))
async def logout(record: CurrentToken) -> None:
    """Revoke the token this request was made with."""
    service.revoke(record)


@router.get("/me", response_model=UserOut, responses=errors.responses(401))
async def me(user: CurrentUser) -> UserOut:
    return UserOut.model_validate(user)
