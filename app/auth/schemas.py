from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$")


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=32)
    password: str = Field(max_length=256)

    @field_validator("username")
    @classmethod
    def _username_shape(cls, username: str) -> str:
        if not USERNAME.match(username):
            raise ValueError(
                "3 to 32 characters: letters, digits, '_' and '-', starting with a letter or digit"
            )
        return username

    @field_validator("password")
    @classmethod
    def _password_strength(cls, password: str) -> str:
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
