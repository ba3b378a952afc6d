"""Whether the service can judge right now: `/healthz` for load balancers, and the judging
status (queue, judges alive, submissions waiting) behind GET /api/health and every page's footer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.db import transaction, utcnow
from app.dispatch import Dispatcher
from app.submissions import outbox
from app.submissions.models import Status, Submission

log = logging.getLogger(__name__)

router = APIRouter(tags=["health"])

# Pages show the status on every request; probing the broker and counting the queue that often
# would cost more than the pages themselves.
STATUS_TTL_S = 5.0


class JudgingStatus(BaseModel):
    state: str = Field(
        description="ok | no-judges (nothing picks submissions up) | queue-unreachable | unknown"
    )
    queue: str = Field(description='"ok", or why the queue cannot be used')
    judges: int | None = Field(description="judges alive (worker processes or threads), or null")
    queued: int | None = Field(description="submissions waiting for a judge; null: unknown")
    judging: int | None = Field(description="submissions being judged now")
    unsent: int | None = Field(
        None,
        description="of the queued ones, those not handed to the queue yet (the outbox backlog: "
        "it grows while the broker is down and is sent once it is back)",
    )
    checked_at: datetime


class JudgingMonitor:
    """The latest JudgingStatus, probed again once it is `ttl_s` old.

    One caller probes while the others keep getting the previous status. With `background`
    (a broker whose probe waits on the network) that probe runs in a thread of its own, so no
    page waits for it; only the very first status is probed in the caller."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        dispatcher: Dispatcher,
        *,
        ttl_s: float = STATUS_TTL_S,
        background: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.factory, self.dispatcher, self.ttl_s = factory, dispatcher, ttl_s
        self.background, self._clock = background, clock
        self._lock = threading.Lock()
        self._current: JudgingStatus | None = None
        self._taken_at = 0.0
        self._probing = False

    def status(self) -> JudgingStatus:
        with self._lock:
            current = self._current
            if current is not None and (
                self._probing or self._clock() - self._taken_at < self.ttl_s
            ):
                return current
            self._probing = True
        if current is not None and self.background:
            threading.Thread(target=self._refresh, name="mljudge-health", daemon=True).start()
            return current
        return self._refresh()

    def _refresh(self) -> JudgingStatus:
        found = None
        try:
            found = self._probe()
        finally:  # a probe that failed anyway must not stop the next one
            with self._lock:
                self._probing = False
                if found is not None:
                    self._current, self._taken_at = found, self._clock()
        return found

    def _probe(self) -> JudgingStatus:
        # Never raises: the footer must say what is wrong rather than break the page.
        try:
            queue = self.dispatcher.check() or "ok"
        except Exception as exc:  # noqa: BLE001
            queue = f"unreachable: {type(exc).__name__}"
        judges = None
        if queue == "ok":
            try:
                judges = self.dispatcher.judges()
            except Exception:
                log.exception("counting the judges failed")
        counts: dict[Status, int] | None = None
        unsent = None
        try:
            with transaction(self.factory) as session:
                rows = session.execute(
                    select(Submission.status, func.count())
                    .where(Submission.status.in_([Status.QUEUED, Status.JUDGING]))
                    .group_by(Submission.status)
                )
                counts = {Status(status): n for status, n in rows}
                unsent = outbox.count_unsent(session)
        except Exception:
            log.exception("counting the waiting submissions failed")
        if queue != "ok":
            state = "queue-unreachable"
        elif judges is None:
            state = "unknown"
        else:
            state = "ok" if judges > 0 else "no-judges"
        return JudgingStatus(
            state=state,
            queue=queue,
            judges=judges,
            queued=None if counts is None else counts.get(Status.QUEUED, 0),
            judging=None if counts is None else counts.get(Status.JUDGING, 0),
            unsent=unsent,
            checked_at=utcnow(),
        )


# `status` ("ok" or "failing") and one entry per check ("ok" or what is wrong).
_CHECKS = {"model": dict[str, str]}


@router.get(
    "/healthz",
    response_class=JSONResponse,
    responses={
        200: {**_CHECKS, "description": "every check is ok"},
        503: {**_CHECKS, "description": "a check failed; its entry says why"},
    },
)
def healthz(request: Request) -> JSONResponse:
    """200 when the database answers and the queue is reachable, 503 naming what is not."""
    checks: dict[str, str] = {}
    try:
        with transaction(request.app.state.sessionmaker) as session:
            session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 -- a probe reports any failure, never raises
        checks["database"] = f"unreachable: {type(exc).__name__}"
    checks["queue"] = request.app.state.dispatcher.check() or "ok"
    healthy = all(value == "ok" for value in checks.values())
    return JSONResponse(
        {"status": "ok" if healthy else "failing", **checks}, 200 if healthy else 503
    )


@router.get("/api/health", response_model=JudgingStatus)
def judging_health(request: Request) -> JudgingStatus:
    """Whether judging works right now, as every page's footer says it (cached a few seconds)."""
    return request.app.state.judging.status()
