from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from fastapi import Path, Query
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$")
USERNAME_RULE = "3 to 32 characters: letters, digits, '_' and '-', starting with a letter or digit"
USERNAME_RULES = {"pattern": USERNAME.pattern, "min_length": 3, "max_length": 32}
UsernamePath = Annotated[str, Path(description=USERNAME_RULE, **USERNAME_RULES)]
UsernameQuery = Annotated[
    str | None, Query(description="only this user's submissions", **USERNAME_RULES)
]


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    # The rules are checked by the validators below (whose messages the register page shows
    # translated); `json_schema_extra` states them in the OpenAPI document.
    username: str = Field(
        max_length=32,
        description=USERNAME_RULE,
        json_schema_extra={"pattern": USERNAME.pattern, "minLength": 3},
    )
    password: str = Field(
        max_length=256,
        description="8 to 256 characters, at least 4 of them different, not containing the "
        "username (in any case)",
        json_schema_extra={"minLength": 8},
    )

    @field_validator("username")
    @classmethod
    def _username_shape(cls, username: str) -> str:
        if not USERNAME.match(username):
            raise ValueError(USERNAME_RULE)
        return username

    @field_validator("password")
    @classmethod
    def _password_strength(cls, password: str) -> str:
        if "\x00" in password:  # the API refuses it at the door; `mljudge users create` here
            raise ValueError("must not contain NUL characters")
        if len(password) < 8:
            raise ValueError("at least 8 characters")
        if len(set(password)) < 4:
            raise ValueError("too repetitive: use at least 4 different characters")
        return password

    @field_validator("password")
    @classmethod
    def _password_not_username(cls, password: str, info: ValidationInfo) -> str:
        username = info.data.get("username")
        if username and username.lower() in password.lower():
            raise ValueError("the password must not contain the username")
        return password


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    is_admin: bool
    team: str | None = None
    created_at: datetime


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 -- the OAuth2 scheme's name, not a secret
    expires_at: datetime
