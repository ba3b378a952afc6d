"""Failed logins and account creations, counted in the database so that every API process agrees.

Each rule allows `limit` events of one key in a sliding window of `window_s` seconds; once that
many are in the window, the next attempt is refused until the oldest of them ages out (its
Retry-After). Failed logins are counted per username and per client address, and a throttled
login is refused before the password is checked, so the right password cannot be confirmed
either. A successful login clears its username's count. Refused attempts are not counted, so a
guesser cannot keep an account locked longer than one window past its last real failure.

Counting is read-then-write without a lock: requests racing from many processes may each pass
the check before any records its event, so a burst can exceed a limit by the number of requests
in flight (few: password hashing runs one per core at a time).
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.auth.models import ThrottleEvent
from app.settings import Settings


class Throttled(Exception):
    def __init__(self, what: str, retry_after_s: int):
        super().__init__(f"{what}; retry in {retry_after_s} s")
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class _Rule:
    name: str
    limit: int
    window_s: int


def _rules(settings: Settings) -> dict[str, _Rule]:
    login = settings.login_failure_window_s
    return {
        rule.name: rule
        for rule in (
            _Rule("login-username", settings.login_failures_per_username, login),
            _Rule("login-address", settings.login_failures_per_address, login),
            _Rule("account-address", settings.accounts_per_address, settings.account_window_s),
        )
    }


def _key(settings: Settings, rule: str, subject: str) -> str:
    secret = settings.secret_key.get_secret_value().encode()
    return hmac.new(secret, f"{rule}:{subject}".encode(), hashlib.sha256).hexdigest()


def _retry_after_s(
    session: Session, settings: Settings, rule: str, subject: str, now: datetime
) -> int | None:
    """Seconds until `subject` is below its limit again; None when it is below now."""
    limits = _rules(settings)[rule]
    window = timedelta(seconds=limits.window_s)
    # The limit-th newest event in the window: once it ages out, one more attempt is allowed.
    blocking = session.scalar(
        select(ThrottleEvent.at)
        .where(ThrottleEvent.key == _key(settings, rule, subject), ThrottleEvent.at > now - window)
        .order_by(ThrottleEvent.at.desc())
        .offset(limits.limit - 1)
        .limit(1)
    )
    if blocking is None:
        return None
    return max(1, math.ceil((blocking + window - now).total_seconds()))


def _check(
    session: Session, settings: Settings, now: datetime, what: str, *counted: tuple[str, str]
) -> None:
    waits = [_retry_after_s(session, settings, rule, subject, now) for rule, subject in counted]
    longest = max((wait for wait in waits if wait is not None), default=None)
    if longest is not None:
        raise Throttled(what, longest)


def _record(session: Session, settings: Settings, now: datetime, *counted: tuple[str, str]) -> None:
    oldest_kept = now - timedelta(seconds=max(r.window_s for r in _rules(settings).values()))
    session.execute(delete(ThrottleEvent).where(ThrottleEvent.at <= oldest_kept))
    session.add_all(
        ThrottleEvent(key=_key(settings, rule, subject), at=now) for rule, subject in counted
    )
    session.flush()


def check_login(
    session: Session, settings: Settings, username: str, address: str, now: datetime
) -> None:
    """Throttled when the username or the address has failed too often lately."""
    counted = ("login-username", username), ("login-address", address)
    _check(session, settings, now, "too many failed logins", *counted)


def login_failed(
    session: Session, settings: Settings, username: str, address: str, now: datetime
) -> None:
    _record(session, settings, now, ("login-username", username), ("login-address", address))


def login_succeeded(session: Session, settings: Settings, username: str) -> None:
    key = _key(settings, "login-username", username)
    session.execute(delete(ThrottleEvent).where(ThrottleEvent.key == key))


def check_account(session: Session, settings: Settings, address: str, now: datetime) -> None:
    """Throttled when the address has created too many accounts lately."""
    what = "too many accounts created from this address"
    _check(session, settings, now, what, ("account-address", address))


def account_created(session: Session, settings: Settings, address: str, now: datetime) -> None:
    _record(session, settings, now, ("account-address", address))
