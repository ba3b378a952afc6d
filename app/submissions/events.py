"""Server-sent events for one submission: `status` (queued, judging), a `test` event per
finished test, then `done` with the whole result.

The judge may be a thread here or a Celery worker elsewhere, so progress is read back from the
database, which is the one place both write to: when the judge's commit wakes the stream (a
judge thread of this process, app/submissions/changes.py), and by a short poll otherwise.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import nullcontext

from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from app.auth.models import User
from app.db import transaction
from app.submissions import service
from app.submissions.changes import SubmissionChanges
from app.submissions.models import Status, Submission

# Poll fast right after a change (a test takes tens of milliseconds), slower while nothing moves.
POLL_MIN_S, POLL_MAX_S = 0.02, 0.5
KEEPALIVE_S = 15.0


def _format(event: str, data: object) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


def _snapshot(factory: sessionmaker[Session], submission_id: int, viewer: User) -> dict | None:
    with transaction(factory) as session:
        submission = session.get(Submission, submission_id)
        if submission is None:
            return None
        return service.present(session, submission, viewer).model_dump(mode="json")


async def _pause(changed: asyncio.Event | None, delay: float) -> bool:
    """Wait `delay` or until the submission changes (True)."""
    if changed is None:
        await asyncio.sleep(delay)
        return False
    try:
        await asyncio.wait_for(changed.wait(), delay)
    except TimeoutError:
        return False
    return True


async def stream(
    factory: sessionmaker[Session],
    submission_id: int,
    viewer: User,
    changes: SubmissionChanges | None = None,
) -> AsyncIterator[str]:
    watching = changes.watch(submission_id) if changes is not None else nullcontext(None)
    with watching as changed:
        async for event in _events(factory, submission_id, viewer, changed):
            yield event


async def _events(
    factory: sessionmaker[Session],
    submission_id: int,
    viewer: User,
    changed: asyncio.Event | None,
) -> AsyncIterator[str]:
    sent: dict[int, str] = {}  # position -> verdict already sent for the current attempt
    last_status = None
    quiet_s = 0.0
    delay = POLL_MIN_S
    while True:
        if changed is not None:
            changed.clear()  # before the read: a change committed during it wakes the next one
        state = await run_in_threadpool(_snapshot, factory, submission_id, viewer)
        if state is None:
            yield _format("error", {"detail": "submission deleted"})
            return
        positions = {t["position"] for t in state["tests"]}
        if not positions >= set(sent):  # a rejudge or a new attempt started over
            sent.clear()
        for test in state["tests"]:
            if test["position"] not in sent:
                sent[test["position"]] = test["verdict"]
                yield _format("test", test)
                quiet_s, delay = 0.0, POLL_MIN_S
        if state["status"] != last_status and state["status"] != Status.DONE:
            last_status = state["status"]
            yield _format("status", {"status": last_status})
            quiet_s, delay = 0.0, POLL_MIN_S
        if state["status"] == Status.DONE:
            del state["code"]
            yield _format("done", state)
            return
        if await _pause(changed, delay):
            quiet_s, delay = 0.0, POLL_MIN_S
            continue
        quiet_s += delay
        delay = min(POLL_MAX_S, delay * 1.5)
        if quiet_s >= KEEPALIVE_S:  # keeps proxies from closing an idle stream
            quiet_s = 0.0
            yield ": keepalive\n\n"


def response(
    factory: sessionmaker[Session],
    submission_id: int,
    viewer: User,
    changes: SubmissionChanges | None = None,
) -> StreamingResponse:
    """The stream as an HTTP answer, for the API (bearer token) and the page (session cookie)
    alike; the caller has checked that `viewer` may read the submission (service.readable)."""
    return StreamingResponse(
        stream(factory, submission_id, viewer, changes),
        media_type="text/event-stream",
        # no-cache, and no buffering in a proxy (nginx) in front: each event is sent as it comes
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
