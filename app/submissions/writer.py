"""Storing new submissions: one thread of the API process writes them, many per transaction.

Every new submission takes the user's lock (to count the user's recent submissions and match an
Idempotency-Key exactly), and on SQLite the database's one write lock. When each request took
them in a worker thread of its own, a burst made those threads queue on the write lock, and each
holder, in a process where dozens of threads want the GIL, took 5-10 ms for its four statements:
one process stored about a hundred submissions a second, whatever the machine. So the requests
hand what they have checked (the problem is visible to the user, the code is within the size
limit) to `SubmissionWriter`, whose thread takes everything waiting and stores it in one
transaction (a group commit): the users' locks in the order of their ids (two processes on
PostgreSQL never deadlock), one count of recent submissions for all of them, the earlier
submissions of the keys given, one INSERT for the new rows, one commit. It wakes the outbox relay
after the commit, as a request did. The thread owns that transaction as a request owns its own.

A submission refused by a rule (over the rate limit, a key reused for other code) is that
request's answer; the others of its batch are stored. If the transaction itself fails, each
submission of the batch is tried again alone, so one bad row costs its own request only.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, bindparam, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.auth.models import User
from app.db import after_commit, transaction, utcnow
from app.settings import Settings
from app.submissions.models import Status, Submission
from app.submissions.outbox import OutboxRelay

log = logging.getLogger(__name__)

# At most this many submissions in one transaction: a batch holds the write lock (SQLite) for
# about a millisecond per submission.
BATCH = 200
# How long an Idempotency-Key names its submission; a later reuse makes a new one.
IDEMPOTENCY_WINDOW = timedelta(days=1)


class RateLimited(Exception):
    def __init__(self, retry_after_s: int, count: int, window_s: int):
        self.retry_after_s = retry_after_s
        super().__init__(
            f"at most {count} submissions per {window_s} s; retry in {retry_after_s} s"
        )


class IdempotencyKeyReused(Exception):
    """The key names an earlier submission of other code or another problem."""

    def __init__(self, submission_id: int):
        self.submission_id = submission_id
        super().__init__(
            f"this Idempotency-Key was used for submission {submission_id}, with another "
            "problem or other code; use a new key for a new submission"
        )


class WriterStopped(Exception):
    """The service is shutting down and stores nothing more."""


@dataclass(frozen=True)
class NewSubmission:
    """What a request asks to store, already checked against the problem and the size limit."""

    user_id: int
    problem_id: str
    code: str
    max_score: float  # the problem's points, until a judge brings the judged package's
    idempotency_key: str | None = None


@dataclass(frozen=True)
class Stored:
    id: int
    status: Status


Outcome = Stored | RateLimited | IdempotencyKeyReused


class SubmissionWriter:
    def __init__(self, factory: sessionmaker[Session], settings: Settings, outbox: OutboxRelay):
        self._factory = factory
        self._settings = settings
        self._outbox = outbox
        self._pending: list[tuple[NewSubmission, Future[Stored]]] = []
        self._ready = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name="mljudge-writer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Store what is waiting, then end the thread."""
        with self._ready:
            self._stopping = True
            self._ready.notify()
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def store(self, new: NewSubmission) -> Stored:
        """Store `new` (or find the submission its key names); blocks until committed. Raises
        RateLimited or IdempotencyKeyReused, or what the database raised. The caller must hold
        no write of its own (on SQLite, the write lock): the writer would wait for it."""
        future: Future[Stored] = Future()
        with self._ready:
            if self._stopping or self._thread is None:
                raise WriterStopped("the service is shutting down; submit again in a moment")
            self._pending.append((new, future))
            self._ready.notify()
        return future.result()

    def _loop(self) -> None:
        while True:
            with self._ready:
                while not self._pending and not self._stopping:
                    self._ready.wait()
                if not self._pending:
                    return
                batch, self._pending = self._pending[:BATCH], self._pending[BATCH:]
            self._write(batch)

    def _write(self, batch: Sequence[tuple[NewSubmission, Future[Stored]]]) -> None:
        try:
            with transaction(self._factory) as session:
                outcomes = store_batch(session, [new for new, _ in batch], self._settings)
                after_commit(session, self._outbox.wake)
        except Exception as exc:  # noqa: BLE001 - whatever it is, it is the requests' answer
            if len(batch) > 1:
                log.warning("storing %s submissions failed (%s); one by one", len(batch), exc)
                for one in batch:
                    self._write([one])
            else:
                batch[0][1].set_exception(exc)
            return
        for (_, future), outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, Stored):
                future.set_result(outcome)
            else:
                future.set_exception(outcome)


def store_batch(
    session: Session, batch: Sequence[NewSubmission], settings: Settings
) -> list[Outcome]:
    """Store `batch` in `session`'s transaction, in order: per submission, what was stored
    (or found by its key) or the rule it breaks."""
    user_ids = sorted({new.user_id for new in batch})
    # PostgreSQL: row locks, taken in one order by every process; SQLite: the write lock.
    users = cast(Table, User.__table__)  # Core: one statement, executed once per user
    session.execute(
        update(users).where(users.c.id == bindparam("uid")).values(id=users.c.id),
        [{"uid": user_id} for user_id in user_ids],
    )
    now = utcnow()
    recent = _recent(session, user_ids, now, settings)
    earlier = _earlier(session, batch, now)
    outcomes: list[Outcome | Submission] = []
    for new in batch:
        key = (new.user_id, new.idempotency_key)
        if new.idempotency_key is not None and key in earlier:
            found = earlier[key]
            if (found.problem_id, found.code) != (new.problem_id, new.code):
                outcomes.append(IdempotencyKeyReused(found.id))
            else:
                outcomes.append(found)  # a retry: not counted against the rate limit again
            continue
        count, oldest = recent.get(new.user_id, (0, now))
        if count >= settings.submission_rate_count:
            window = settings.submission_rate_window_s
            wait = (oldest + timedelta(seconds=window) - now).total_seconds()
            outcomes.append(RateLimited(max(1, math.ceil(wait)), count, window))
            continue
        recent[new.user_id] = (count + 1, min(oldest, now))
        submission = Submission(
            user_id=new.user_id,
            problem_id=new.problem_id,
            code=new.code,
            status=Status.QUEUED,
            max_score=new.max_score,
            created_at=now,
            # The time by which a judge must have picked it up before the sweeper sends it again.
            lease_expires_at=now + timedelta(seconds=settings.lease_s),
            idempotency_key=new.idempotency_key,
        )
        session.add(submission)
        if new.idempotency_key is not None:
            session.flush()  # its id, which a reuse of the key later in this batch names
            earlier[key] = submission  # the same key again in this batch is its retry
        outcomes.append(submission)
    session.flush()
    return [Stored(o.id, o.status) if isinstance(o, Submission) else o for o in outcomes]


def _recent(
    session: Session, user_ids: list[int], now: datetime, settings: Settings
) -> dict[int, tuple[int, datetime]]:
    """Per user: how many submissions in the rate window, and the oldest of them."""
    since = now - timedelta(seconds=settings.submission_rate_window_s)
    rows = session.execute(
        select(Submission.user_id, func.count(), func.min(Submission.created_at))
        .where(Submission.user_id.in_(user_ids), Submission.created_at > since)
        .group_by(Submission.user_id)
    ).all()
    return {user_id: (count, oldest) for user_id, count, oldest in rows}


def _earlier(
    session: Session, batch: Sequence[NewSubmission], now: datetime
) -> dict[tuple[int, str | None], Submission]:
    """The recent submissions the batch's keys name; a key older than the window is given up."""
    keys = {(new.user_id, new.idempotency_key) for new in batch if new.idempotency_key}
    found: dict[tuple[int, str | None], Submission] = {}
    for user_id, key in sorted(keys):
        submission = session.scalar(
            select(Submission).where(
                Submission.user_id == user_id, Submission.idempotency_key == key
            )
        )
        if submission is None:
            continue
        if submission.created_at > now - IDEMPOTENCY_WINDOW:
            found[(user_id, key)] = submission
        else:
            submission.idempotency_key = None
    session.flush()
    return found
