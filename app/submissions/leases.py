"""A judge's hold on a submission: the claim, its lease, and the heartbeats that renew it.

Every write a judge makes is conditional on its claim (`owned`): the submission, the attempt it
bumped, still judging. The lease is short (`heartbeat_lease_s`) and renewed every `heartbeat_s`
while the judge makes progress, so the sweeper re-queues a killed worker's submission within
seconds. Progress is a finished test: a judge stuck for `lease_s` in one test stops being renewed
and loses the submission like a dead one.

One `LeaseKeeper` thread per judging process renews every lease its judges hold. A thread per
submission cost each submission a thread start and join (about 1.5 ms of its latency in the
embedded service), for a beat that a one-test submission never reached.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Table, bindparam, update
from sqlalchemy.orm import Session, sessionmaker

from app import logs
from app.db import transaction, utcnow
from app.submissions.models import CaseResultRecord, Status, Submission

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claim:
    submission_id: int
    attempt: int
    problem_id: str
    code: str
    # The problem's current version when the judge took the submission: every test of this
    # attempt is judged with it, whatever is uploaded meanwhile.
    problem_version: str | None


@dataclass(frozen=True)
class LeaseTerms:
    lease_s: int
    # 0: no heartbeat; the lease is then `lease_s`, renewed by each finished test.
    heartbeat_s: float = 0.0
    heartbeat_lease_s: float = 10.0

    def expiry(self) -> datetime:
        seconds = self.heartbeat_lease_s if self.heartbeat_s > 0 else self.lease_s
        return utcnow() + timedelta(seconds=seconds)


# The judges' statements are Core statements on the tables, built once with bound parameters:
# building an ORM-enabled statement per call (and its cache key) cost a judge a few
# milliseconds of CPU per submission, for work the ORM does that nothing here needs.
SUBMISSIONS = cast(Table, Submission.__table__)
CASE_RESULTS = cast(Table, CaseResultRecord.__table__)
OWNED = (
    SUBMISSIONS.c.id == bindparam("claim_id"),
    SUBMISSIONS.c.attempt == bindparam("claim_attempt"),
    SUBMISSIONS.c.status == Status.JUDGING,
)
_RENEW = update(SUBMISSIONS).where(*OWNED).values(lease_expires_at=bindparam("new_lease"))


def owned(claim: Claim) -> dict[str, int]:
    """The parameters of OWNED: the claim's submission and attempt, still judging."""
    return {"claim_id": claim.submission_id, "claim_attempt": claim.attempt}


def renew_in(session: Session, claim: Claim, terms: LeaseTerms) -> bool:
    """Push the lease forward in `session`'s transaction; False when the judge no longer owns
    the submission."""
    # an UPDATE's result is a CursorResult (rowcount), which Session.execute's type hides
    renewed = cast(
        "CursorResult[Any]",
        session.execute(_RENEW, {**owned(claim), "new_lease": terms.expiry()}),
    )
    return renewed.rowcount == 1


def renew(factory: sessionmaker[Session], claim: Claim, terms: LeaseTerms) -> bool:
    with transaction(factory) as session:
        return renew_in(session, claim, terms)


@dataclass
class Lease:
    claim: Claim
    progress_at: float = field(default_factory=time.monotonic)

    def progressed(self) -> None:
        self.progress_at = time.monotonic()


class LeaseKeeper:
    """Renews, every `heartbeat_s`, the leases of the submissions held (`hold`), each as long
    as its judge reports progress at least every `lease_s`; a lease lost is let go."""

    def __init__(self, factory: sessionmaker[Session], terms: LeaseTerms):
        self._factory, self._terms = factory, terms
        self._held: dict[int, Lease] = {}
        self._changed = threading.Condition()
        self._thread_pid: int | None = None  # a forked child starts a thread of its own

    @contextmanager
    def hold(self, claim: Claim) -> Iterator[Lease]:
        lease = Lease(claim)
        if self._terms.heartbeat_s <= 0:
            yield lease
            return
        with self._changed:
            self._held[id(lease)] = lease
            if self._thread_pid != os.getpid():
                self._thread_pid = os.getpid()
                threading.Thread(target=self._run, name="mljudge-leases", daemon=True).start()
            self._changed.notify()
        try:
            yield lease
        finally:
            with self._changed:
                self._held.pop(id(lease), None)

    def _run(self) -> None:
        while True:
            with self._changed:
                while not self._held:
                    self._changed.wait()
            time.sleep(self._terms.heartbeat_s)
            with self._changed:
                held = list(self._held.items())
            for key, lease in held:
                if not self._beat(lease):
                    with self._changed:
                        self._held.pop(key, None)

    def _beat(self, lease: Lease) -> bool:
        """Renew one lease; False once it is given up or lost."""
        claim = lease.claim
        with logs.about(claim.submission_id, claim.attempt):
            if time.monotonic() - lease.progress_at > self._terms.lease_s:
                log.warning(
                    "submission %s: no test finished for %s s; no longer renewing its lease",
                    claim.submission_id,
                    self._terms.lease_s,
                )
                return False
            try:
                # False: swept meanwhile, or finished; the judge finds out at its next write
                return renew(self._factory, claim, self._terms)
            except Exception:  # a database hiccup: the next beat tries again
                log.exception("submission %s: renewing the lease failed", claim.submission_id)
                return True
