"""Accounts and bearer tokens. Tokens are random; the database keeps only an HMAC of each."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import throttle
from app.auth.models import ApiToken, User
from app.db import utcnow
from app.settings import Settings

_hasher = PasswordHasher()
# argon2 takes ~0.1 s and 64 MiB per call: at most one per core at a time, so a flood of logins
# queues here instead of filling every worker thread (and the memory) of the server.
_hash_slots = threading.BoundedSemaphore(os.cpu_count() or 2)
# Verifying against this keeps an unknown username as slow as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


class UsernameTaken(Exception):
    def __init__(self, username: str):
        super().__init__("username already taken")
        self.username = username


def hash_password(password: str) -> str:
    with _hash_slots:
        return _hasher.hash(password)


def create_user(session: Session, username: str, password: str, is_admin: bool = False) -> User:
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise UsernameTaken(username)
    user = User(username=username, password_hash=hash_password(password), is_admin=is_admin)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.username == username))
    try:
        with _hash_slots:
            _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return user


def log_in(
    session: Session, settings: Settings, username: str, password: str, address: str, now: datetime
) -> User | None:
    """The user, or None for a wrong username or password (counted against the username and the
    client address); throttle.Throttled after too many failures, whatever the password."""
    throttle.check_login(session, settings, username, address, now)
    user = authenticate(session, username, password)
    if user is None:
        throttle.login_failed(session, settings, username, address, now)
        return None
    throttle.login_succeeded(session, settings, username)
    return user


def register(
    session: Session, settings: Settings, username: str, password: str, address: str, now: datetime
) -> User:
    """A new account; throttle.Throttled when the address created too many lately, UsernameTaken."""
    throttle.check_account(session, settings, address, now)
    user = create_user(session, username, password)
    throttle.account_created(session, settings, address, now)
    return user


def _digest(secret_key: str, token: str) -> str:
    return hmac.new(secret_key.encode(), token.encode(), hashlib.sha256).hexdigest()


def issue_token(session: Session, user: User, secret_key: str, ttl_s: int) -> tuple[str, ApiToken]:
    token = secrets.token_urlsafe(32)
    record = ApiToken(
        user_id=user.id,
        digest=_digest(secret_key, token),
        expires_at=utcnow() + timedelta(seconds=ttl_s),
    )
    session.add(record)
    session.flush()
    return token, record


def find_token(session: Session, token: str, secret_key: str) -> ApiToken | None:
    """The live token record for `token`, or None when unknown, expired or revoked."""
    record = session.scalar(select(ApiToken).where(ApiToken.digest == _digest(secret_key, token)))
    if record is None or record.revoked_at is not None or record.expires_at <= utcnow():
        return None
    return record


def revoke(record: ApiToken) -> None:
    record.revoked_at = utcnow()
