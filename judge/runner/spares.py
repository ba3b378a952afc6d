"""Children forked and confined ahead of their test, waiting for its code (see zygote.py).

A child is confined with everything a test of its problem needs except the code and the input:
its uid, its cgroup (with the memory and process limits), the size of its scratch tmpfs, its
CPU backstop and the problem's files bound at /files. Those differ between problems, so waiting
children are kept by `Key`, and a test takes one only of exactly its own key: every limit
applies as if the child had been forked for it. Each child serves one test and is never reused.
"""

from __future__ import annotations

import logging
import os
import queue
import select
import socket
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from judge.runner.cgroups import TestGroup
from judge.runtime import PRELOAD

log = logging.getLogger("judge.sandbox")


class Key(NamedTuple):
    """What a child is confined with that differs between problems."""

    memory_bytes: int
    processes: int
    time_ms: int
    files_dir: str | None
    # The folder bound, not its name: a package updated by replacing files/ binds the new one.
    files_identity: tuple[int, int] | None = None
    preload: tuple[str, ...] = PRELOAD  # which zygote forks it


@dataclass
class Child:
    """A forked child confining itself (or confined) and waiting for its test's code."""

    key: Key
    uid: int
    group: TestGroup
    handover: socket.socket
    reads: dict[str, int]  # stdout, stderr, status, setup: the read ends of its pipes
    generation: int  # the zygote it was forked from: a restarted zygote's children are gone

    def ended(self, timeout: float = 0) -> bool:
        """True once its zygote reported it (or died): it ended, or was killed while it waited."""
        readable, _, _ = select.select([self.reads["status"]], [], [], timeout)
        return bool(readable)

    def close_fds(self) -> None:
        self.handover.close()
        for fd in self.reads.values():
            os.close(fd)


class Spares:
    """At most `capacity` waiting children, the longest waiting handed out first."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._waiting: deque[Child] = deque()
        self._lock = threading.Lock()

    def take(self, key: Key, live: set[int]) -> tuple[Child | None, list[Child]]:
        """A waiting child of `key` (or None), and the children found dead or stale (forked by
        a zygote whose generation is no longer `live`) on the way, for the caller to discard."""
        stale: list[Child] = []
        with self._lock:
            for child in list(self._waiting):
                if child.generation not in live or child.ended():
                    self._waiting.remove(child)
                    stale.append(child)
            for child in self._waiting:
                if child.key == key:
                    self._waiting.remove(child)
                    return child, stale
        return None, stale

    def has_room_for(self, key: Key) -> bool:
        """Whether one more child of `key` may wait (in place of one of another key, if full)."""
        with self._lock:
            return len(self._waiting) < self.capacity or any(
                child.key != key for child in self._waiting
            )

    def put(self, child: Child) -> list[Child]:
        """Keep `child` waiting; returns what the caller discards to stay within capacity (the
        child itself when only children of its own key wait)."""
        with self._lock:
            self._waiting.append(child)
            discard: list[Child] = []
            for waiting in list(self._waiting):
                if len(self._waiting) <= self.capacity:
                    break
                if waiting.key != child.key:
                    self._waiting.remove(waiting)
                    discard.append(waiting)
            if len(self._waiting) > self.capacity:
                self._waiting.remove(child)
                discard.append(child)
        return discard

    def drain(self) -> list[Child]:
        with self._lock:
            children = list(self._waiting)
            self._waiting.clear()
        return children

    def snapshot(self) -> list[Child]:
        with self._lock:
            return list(self._waiting)


class Background:
    """One thread doing, in order, work no test should wait for (forking the next waiting
    children; removing the groups of finished tests)."""

    def __init__(self, name: str) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name=name, daemon=True)
        self._thread.start()

    def submit(self, job: Callable[[], None]) -> None:
        self._jobs.put(job)

    def settle(self) -> None:
        """Wait until every job submitted so far is done."""
        done = threading.Event()
        self.submit(done.set)
        done.wait()

    def close(self) -> None:
        """Finish every job submitted so far, then stop."""
        self._jobs.put(None)
        self._thread.join()

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                job()
            except Exception:  # a test forks its own child when none waits
                log.exception("sandbox background job failed")
