"""Word, within one process, that a submission's row has changed: the event streams of the
judges' own process (embedded mode) wake at once instead of at their next look at the database.

The database stays the one source of truth: a stream re-reads the row when woken, and still
looks by itself now and then, which is all it has when the judges are Celery workers elsewhere.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress


class SubmissionChanges:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watching: dict[int, set[tuple[asyncio.AbstractEventLoop, asyncio.Event]]] = {}

    def changed(self, submission_id: int) -> None:
        """Wake the streams watching `submission_id`; from any thread, after the commit."""
        with self._lock:
            watchers = list(self._watching.get(submission_id, ()))
        for loop, event in watchers:
            with suppress(RuntimeError):  # that stream's loop has closed: nobody left to tell
                loop.call_soon_threadsafe(event.set)

    @contextmanager
    def watch(self, submission_id: int) -> Iterator[asyncio.Event]:
        """An event set at each change of `submission_id` while the block runs; to be used in
        the event loop that waits on it. Clear it before reading the row, so that a change
        committed during the read is not missed."""
        watcher = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._watching.setdefault(submission_id, set()).add(watcher)
        try:
            yield watcher[1]
        finally:
            with self._lock:
                watchers = self._watching.get(submission_id)
                if watchers is not None:
                    watchers.discard(watcher)
                    if not watchers:
                        del self._watching[submission_id]
