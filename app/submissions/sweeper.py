"""Finds submissions whose judge went quiet (killed worker, lost message) and queues them again."""

from __future__ import annotations

import functools
import logging
import threading
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.orm import Session, sessionmaker

from app.db import after_commit, transaction, utcnow
from app.dispatch import Dispatcher
from app.submissions.models import Status, Submission
from judge.verdict import Verdict

log = logging.getLogger(__name__)


def sweep(
    session: Session,
    dispatcher: Dispatcher,
    *,
    lease_s: int,
    max_attempts: int,
    now: datetime | None = None,
) -> list[int]:
    """Re-queue every submission past its lease; give up (IE) after `max_attempts` interrupted
    judgings so that a submission that kills its worker cannot loop forever. Returns the ids
    enqueued (after the caller commits)."""
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
        )
        .returning(Submission.id)
    ).all()
    resent = session.scalars(
        update(Submission)
        .where(Submission.status == Status.QUEUED, *expired)
        .values(lease_expires_at=next_lease)
        .returning(Submission.id)
    ).all()
    ids = sorted({*requeued, *resent})
    for submission_id in ids:
        after_commit(session, functools.partial(dispatcher.enqueue, submission_id))
    if ids:
        log.warning("sweeper re-enqueued submissions %s", ids)
    return ids


class Sweeper:
    """A daemon thread running `sweep` every `interval_s` seconds in its own transactions."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        dispatcher: Dispatcher,
        *,
        interval_s: float,
        lease_s: int,
        max_attempts: int,
    ):
        self._factory, self._dispatcher = factory, dispatcher
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
                    sweep(
                        session,
                        self._dispatcher,
                        lease_s=self._lease_s,
                        max_attempts=self._max_attempts,
                    )
            except Exception:  # a database hiccup must not end the sweeper
                log.exception("sweep failed; retrying in %s s", self._interval_s)
