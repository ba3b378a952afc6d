from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm

from app import errors
from app.auth import service
from app.auth.dependencies import CurrentToken, CurrentUser
from app.auth.schemas import TokenOut, UserCreate, UserOut
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
        **errors.responses(400, 409, 413, 422),
    },
)
def register(body: UserCreate, session: DbSession) -> UserOut:
    """A student's account; 409 when the username is taken."""
    user = service.create_user(session, body.username, body.password)
    return UserOut.model_validate(user)


@router.post("/token", response_model=TokenOut, responses=errors.responses(400, 401, 413, 422))
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: DbSession,
    settings: AppSettings,
) -> TokenOut:
    user = service.authenticate(session, form.username, form.password)
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "wrong username or password",
            {"WWW-Authenticate": "Bearer"},
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
