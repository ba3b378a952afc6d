"""Problem versions in the database: stored by sync and upload, fetched by judges by hash.

The database is the one place every API process and judge reaches, so it holds the packages:
no folder has to be shared between machines, and `problems/` on disk is only what a sync reads.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.db import transaction
from app.problems.models import ProblemRecord, ProblemVersion
from judge.package_archive import ArchiveError, pack
from judge.problem_yaml import ProblemError
from judge.problemset import Problem
from judge.version_cache import Fetch, VersionCache

log = logging.getLogger(__name__)


class VersionMissing(LookupError):
    """No archive of that version is stored (a database older than the version store)."""


def packed(problem: Problem) -> bytes:
    """The archive of a loaded package, checked to be the files that were loaded."""
    version, archive = pack(problem.root)
    if version != problem.version:
        raise ProblemError(problem.root, "changed while it was being read; sync again")
    return archive


def store(session: Session, problem_id: str, version: str, archive: bytes) -> None:
    """Add the version unless it is there already (the same hash is the same files)."""
    if session.get(ProblemVersion, version) is None:
        session.add(
            ProblemVersion(
                version=version, problem_id=problem_id, size=len(archive), archive=archive
            )
        )


def fetcher(factory: sessionmaker[Session]) -> Fetch:
    """What a judge's VersionCache asks when a version is not on its disk yet."""

    def fetch(version: str) -> bytes:
        with transaction(factory) as session:
            return read(session, version)

    return fetch


def read(session: Session, version: str) -> bytes:
    archive = session.scalar(
        select(ProblemVersion.archive).where(ProblemVersion.version == version)
    )
    if archive is None:
        raise VersionMissing(f"problem version {version[:12]} is not stored; sync problems")
    return archive


def current_folder(session: Session, cache: VersionCache, record: ProblemRecord) -> Path | None:
    """The folder of the problem's current version on this machine; None for a version that
    cannot be had (logged: the next sync stores it again)."""
    try:
        return cache.folder(record.id, record.version, lambda wanted: read(session, wanted))
    except (VersionMissing, ArchiveError, OSError) as exc:
        log.error("problem %s: its files cannot be served: %s", record.id, exc)
        return None
