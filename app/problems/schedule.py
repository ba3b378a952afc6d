"""Who may see which problems now: the release schedule (judge/sections.py) applied to a viewer.

Students see a problem only while its section is open; for them a problem of a closed section
does not exist (404 everywhere, left out of every list). Administrators see everything.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fastapi import Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import utcnow
from app.problems.models import ProblemRecord, SiteSetting
from judge.problem_yaml import ProblemError
from judge.sections import SECTIONS_FILE, Schedule, load_schedule

log = logging.getLogger(__name__)

CURRENT_SECTION = "current_section"


def current_section(session: Session) -> int | None:
    row = session.get(SiteSetting, CURRENT_SECTION)
    return row.value if row is not None else None


def set_current_section(session: Session, section: int | None) -> None:
    row = session.get(SiteSetting, CURRENT_SECTION)
    if row is None:
        session.add(SiteSetting(key=CURRENT_SECTION, value=section, updated_at=utcnow()))
    else:
        row.value, row.updated_at = section, utcnow()
    session.flush()


_cache: dict[Path, tuple[tuple[int, int], Schedule | None]] = {}
_cache_lock = threading.Lock()


def schedule(problems_dir: Path) -> Schedule | None:
    """The schedule as the file now reads, re-read when it changes; None when it is broken (the
    error is logged, and `POST /api/admin/problems/reload` and `mljudge sections show` name it)."""
    path = Path(problems_dir).absolute() / SECTIONS_FILE
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        return Schedule()
    with _cache_lock:
        cached = _cache.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            loaded: Schedule | None = load_schedule(problems_dir)
        except ProblemError as exc:
            log.error("release schedule unreadable, closed to students: %s", exc)
            loaded = None
        _cache[path] = (stamp, loaded)
        return loaded


@dataclass(frozen=True)
class Visibility:
    """What one viewer may see at one moment."""

    admin: bool
    schedule: Schedule | None  # None: sections.yaml is broken
    current: int | None
    now: datetime

    def is_open(self, section: int) -> bool:
        if self.admin:
            return True
        if self.schedule is None:  # fail closed: only what the current section opens
            return self.current is not None and section <= self.current
        return self.schedule.is_open(section, self.current, self.now)

    def hidden_problem_ids(self, session: Session) -> list[str]:
        if self.admin:
            return []
        rows = session.execute(select(ProblemRecord.id, ProblemRecord.section))
        return [problem_id for problem_id, section in rows if not self.is_open(section)]


def visibility(
    session: Session, problems_dir: Path, user: User | None, now: datetime
) -> Visibility:
    admin = user is not None and user.is_admin
    return Visibility(admin, schedule(problems_dir), current_section(session), now)


def for_request(request: Request, session: Session, user: User | None) -> Visibility:
    """The viewer's visibility, at the app's clock (`app.state.clock`, injectable in tests)."""
    state = request.app.state
    return visibility(session, state.settings.problems_dir, user, state.clock())


def visible_problem(session: Session, problem_id: str, seen_by: Visibility) -> ProblemRecord | None:
    """The active problem if this viewer may see it now; None otherwise (answer 404)."""
    record = session.get(ProblemRecord, problem_id)
    if record is None or not record.active or not seen_by.is_open(record.section):
        return None
    return record
