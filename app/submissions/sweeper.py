"""Finds submissions whose judge went quiet (killed worker, hung judge) and queues them again.

A judge renews its lease with heartbeats (app/submissions/judging.py), so a killed worker's lease
runs out `heartbeat_lease_s` after its last heartbeat and the sweeper, running every
`sweep_interval_s`, re-queues the submission within seconds. Re-queued submissions go out through
the outbox like new ones: marked unsent, and the relay is woken after the commit.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.orm import Session, sessionmaker

from app.db import after_commit, transaction, utcnow
from app.submissions.models import Status, Submission
from judge.verdict import Verdict

log = logging.getLogger(__name__)


def sweep(
    session: Session,
    *,
    lease_s: int,
    max_attempts: int,
    now: datetime | None = None,
) -> list[int]:
    """Re-queue every judging submission past its lease; give up (IE) after `max_attempts`
    interrupted judgings so that a submission that kills its worker cannot loop forever. A
    submission still queued past its lease (`lease_s` after it was queued: the last resort when
    a lost message went unnoticed) is marked unsent again. Returns the ids to send."""
    now = now or utcnow()
    next_lease = utcnow() + timedelta(seconds=lease_s)
    # A missing lease counts as run out: nothing would ever wake such a row otherwise.
    expired = (or_(Submission.lease_expires_at.is_(None), Submission.lease_expires_at < now),)
    judging = Submission.status == Status.JUDGING
    session.execute(
        update(Submission)
        .where(judging, *expired, Submission.interruptions + 1 >= max_attempts)
        .values(
            status=Status.DONE,
            verdict=Verdict.IE,
            score=0.0,
            groups=[],
            public_score=0.0,
            public_verdict=Verdict.IE,
            interruptions=Submission.interruptions + 1,
            error=f"judging was interrupted {max_attempts} times (worker lost or killed)",
            finished_at=utcnow(),
            lease_expires_at=None,
        )
    )
    requeued = session.scalars(
        update(Submission)
        .where(judging, *expired)
        .values(
            status=Status.QUEUED,
            interruptions=Submission.interruptions + 1,
            lease_expires_at=next_lease,
            dispatched_at=None,
        )
        .returning(Submission.id)
    ).all()
    resent = session.scalars(
        update(Submission)
        .where(Submission.status == Status.QUEUED, *expired)
        .values(lease_expires_at=next_lease, dispatched_at=None)
        .returning(Submission.id)
    ).all()
    ids = sorted({*requeued, *resent})
    if ids:
        log.warning("sweeper re-queued submissions %s", ids)
    return ids


class Sweeper:
    """A daemon thread running `sweep` every `interval_s` seconds in its own transactions, waking
    the outbox relay (`wake`) after a sweep that queued something."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        wake: Callable[[], None],
        *,
        interval_s: float,
        lease_s: int,
        max_attempts: int,
    ):
        self._factory, self._wake = factory, wake
        self._interval_s, self._lease_s, self._max_attempts = interval_s, lease_s, max_attempts
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="mljudge-sweeper", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval_s):
            try:
                with transaction(self._factory) as session:
                    if sweep(session, lease_s=self._lease_s, max_attempts=self._max_attempts):
                        after_commit(session, self._wake)
            except Exception:  # a database hiccup must not end the sweeper
                log.exception("sweep failed; retrying in %s s", self._interval_s)
