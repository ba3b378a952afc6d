"""The transactional outbox: a submission is accepted once its row is committed, whatever the
broker's state, and the relay gets its id to a judge.

A request commits the submission `queued` with `dispatched_at` NULL ("unsent") and wakes the
relay after the commit; the relay is a thread of the API process (`OutboxRelay`), woken by every
such commit and looking again every `relay_interval_s` anyway. Embedded mode goes the same way;
only the transport (`app.dispatch`) differs.

Sending, one batch at a time:
1. Claim: one short transaction marks up to BATCH unsent queued rows sent now and commits.
   PostgreSQL picks them FOR UPDATE SKIP LOCKED, so the relays of several API processes take
   different rows without waiting on each other; on SQLite the UPDATE holds the one write lock.
2. Send each id outside any transaction (no write lock or row lock is held while the broker is
   talked to; the transport fails fast). At the first refusal the ids not sent are marked unsent
   again, and the relay tries again on its next tick.
A crash between 1 and 2 leaves rows marked sent that no message carries; reconciliation finds
them like any other lost message.

Reconciliation (lost messages: Redis here keeps nothing on disk, so a restart empties the queue;
a worker killed after taking a message and before claiming its submission loses that one):
  Every queued submission marked sent has its message waiting in the queue, unless a judge has
  just taken it (it claims the submission, which leaves `queued`, within milliseconds) or a
  relay is sending it right now. So when the queue holds Q messages and S queued submissions are
  marked sent, at least S - Q messages are lost. When that deficit is seen on two ticks in a row
  (a deficit of one tick is a message caught between taken and claimed), the smaller of the two
  deficits is marked unsent again, picking the submissions sent longest ago and at least
  `redeliver_after_s` ago (the queue is first in, first out, so the lost messages are the oldest:
  all of them after a broker restart, the head one after a worker was killed), and sent.
  A resent submission carries a fresh `dispatched_at`, so it is not picked again for
  `redeliver_after_s`; a normal burst (Q == S) resends nothing. A wrong pick only adds a duplicate
  message, which is harmless (`claim` only takes a queued row) and, while it waits, hides one lost
  message until the judges drain it. Relays of several API processes may each resend one
  deficit: duplicates again, bounded by the deficit.
  The last resort stays the sweeper's: a submission still queued `lease_s` after it was accepted
  (or re-queued) is marked unsent again (app/submissions/sweeper.py).
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.db import NO_SESSION_SYNC, transaction, utcnow
from app.dispatch import Dispatcher
from app.submissions.models import Status, Submission

log = logging.getLogger(__name__)

BATCH = 100

_queued = Submission.status == Status.QUEUED

# The rows to update are picked in a CTE: PostgreSQL evaluates it once, whereas a LIMIT ... FOR
# UPDATE SKIP LOCKED sub-select in the WHERE may be run again per row and take more than LIMIT.


def claim_unsent(session: Session, stamp: datetime, limit: int = BATCH) -> list[int]:
    """Mark up to `limit` unsent queued submissions sent at `stamp`; their ids, oldest first."""
    chosen = (
        select(Submission.id)
        .where(_queued, Submission.dispatched_at.is_(None))
        .order_by(Submission.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .cte("chosen")
    )
    claimed = session.scalars(
        update(Submission)
        .where(Submission.id.in_(select(chosen.c.id)), Submission.dispatched_at.is_(None))
        .values(dispatched_at=stamp)
        .returning(Submission.id),
        execution_options=NO_SESSION_SYNC,
    ).all()
    return sorted(claimed)


def release(session: Session, ids: list[int], stamp: datetime) -> None:
    """Mark unsent again the ids claimed at `stamp` that could not be sent."""
    session.execute(
        update(Submission)
        .where(Submission.id.in_(ids), Submission.dispatched_at == stamp)
        .values(dispatched_at=None)
    )


def count_sent(session: Session) -> int:
    """Queued submissions marked sent: each should have a message in the queue."""
    query = select(func.count()).where(_queued, Submission.dispatched_at.is_not(None))
    return session.scalar(query) or 0


def count_unsent(session: Session) -> int:
    """The outbox backlog: accepted submissions not handed to the queue yet."""
    return (
        session.scalar(select(func.count()).where(_queued, Submission.dispatched_at.is_(None))) or 0
    )


def unmark_oldest(session: Session, count: int, sent_before: datetime) -> list[int]:
    """Mark unsent again the `count` queued submissions sent longest ago (before `sent_before`)."""
    chosen = (
        select(Submission.id)
        .where(_queued, Submission.dispatched_at < sent_before)
        .order_by(Submission.dispatched_at, Submission.id)
        .limit(count)
        .with_for_update(skip_locked=True)
        .cte("chosen")
    )
    unmarked = session.scalars(
        update(Submission)
        .where(Submission.id.in_(select(chosen.c.id)), Submission.dispatched_at < sent_before)
        .values(dispatched_at=None)
        .returning(Submission.id)
    ).all()
    return sorted(unmarked)


class OutboxRelay:
    """Sends unsent submissions through `transport` and reconciles with the broker's queue.

    `start` runs it as a daemon thread that `wake` rouses at once and that looks by itself every
    `interval_s`. Without `start` (interval 0, as in tests sharing one connection), `wake` runs a
    round in the caller instead."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        transport: Dispatcher,
        *,
        interval_s: float,
        redeliver_after_s: float,
    ):
        self._factory, self._transport = factory, transport
        self._interval_s, self._redeliver_after_s = interval_s, redeliver_after_s
        self._round = threading.Lock()
        self._wake, self._stopping = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self._refused = False  # the transport refused the last send: say it once, not each tick
        self._last_deficit = 0

    def start(self) -> None:
        if self._interval_s <= 0:
            self.run_once()  # what an earlier process left unsent
            return
        self._thread = threading.Thread(target=self._loop, name="mljudge-outbox", daemon=True)
        self._thread.start()
        self.wake()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def wake(self) -> None:
        """Send soon what was committed; never raises (it runs after a request's commit)."""
        if self._thread is not None:
            self._wake.set()
        else:
            self.run_once()

    def _loop(self) -> None:
        reconciled_at = 0.0
        while not self._stopping.is_set():
            self._wake.wait(self._interval_s)
            self._wake.clear()  # before the round: a commit during it wakes the next one
            if self._stopping.is_set():
                return
            # A commit's wake only sends. Reconciling (two counts and the broker's) once per
            # interval is enough to find lost messages, and costs each submission nothing.
            now = time.monotonic()
            reconcile = now - reconciled_at >= self._interval_s
            if reconcile:
                reconciled_at = now
            self.run_once(reconcile)

    def run_once(self, reconcile: bool = True) -> int:
        """One round: send everything unsent, then reconcile. Returns the ids sent."""
        with self._round:
            try:
                sent = self._send_unsent()
                return sent + self._reconcile() if reconcile else sent
            except Exception:  # a database hiccup must not end the relay
                log.exception("outbox relay round failed; trying again in %s s", self._interval_s)
                return 0

    def _send_unsent(self) -> int:
        sent = 0
        while True:
            stamp = utcnow()
            with transaction(self._factory) as session:
                ids = claim_unsent(session, stamp)
            for position, submission_id in enumerate(ids):
                try:
                    self._transport.enqueue(submission_id)
                except Exception as exc:  # noqa: BLE001 - any refusal: keep the rest for later
                    with transaction(self._factory) as session:
                        release(session, ids[position:], stamp)
                    if not self._refused:
                        log.warning(
                            "the queue refused submission %s (%s: %s); %s submission(s) kept "
                            "to send again every %s s",
                            submission_id,
                            type(exc).__name__,
                            exc,
                            len(ids) - position,
                            self._interval_s,
                        )
                    self._refused = True
                    return sent
                sent += 1
            if ids and self._refused:
                log.warning("the queue takes submissions again")
                self._refused = False
            if len(ids) < BATCH:
                return sent

    def _reconcile(self) -> int:
        with transaction(self._factory) as session:
            if count_sent(session) == 0:
                self._last_deficit = 0
                return 0
        # The queue first, then the rows: a message taken and claimed in between then lowers
        # the rows' count as well, instead of showing as a loss.
        try:
            waiting = self._transport.waiting()
        except Exception:  # the next send says what is wrong with the broker
            log.debug("cannot count the queue's messages", exc_info=True)
            return 0
        if waiting is None:
            return 0
        with transaction(self._factory) as session:
            deficit = count_sent(session) - waiting
        confirmed, self._last_deficit = min(deficit, self._last_deficit), max(deficit, 0)
        if confirmed <= 0:
            return 0
        sent_before = utcnow() - timedelta(seconds=self._redeliver_after_s)
        with transaction(self._factory) as session:
            unmarked = unmark_oldest(session, confirmed, sent_before)
        if not unmarked:
            return 0
        self._last_deficit = 0
        log.warning(
            "the queue holds %s message(s) fewer than the submissions sent to it; sending "
            "submissions %s again",
            confirmed,
            unmarked,
        )
        return self._send_unsent()
