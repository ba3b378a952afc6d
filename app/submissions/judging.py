"""Judging one submission by id: what a worker thread or a Celery task runs.

Ownership is a conditional UPDATE: a judge claims a queued submission by bumping `attempt`, and
every later write (a test result, the verdict) only lands while that attempt is still the current
one and its lease is alive (app/submissions/leases.py). So a redelivered task for a finished
submission does nothing, and a judge whose lease the sweeper took away cannot write a second
verdict.

Each test's result is written as it finishes (live progress), except the last one, which is
written with the verdict in one transaction.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

from sqlalchemy import CursorResult, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from app import logs
from app.db import after_commit, transaction, utcnow
from app.metrics import judging as judge_metrics
from app.problems import versions
from app.problems.models import ProblemRecord
from app.problems.versions import VersionMissing
from app.runners import CountedRunner
from app.settings import Settings
from app.submissions.leases import (
    CASE_RESULTS,
    OWNED,
    SUBMISSIONS,
    Claim,
    Lease,
    LeaseKeeper,
    LeaseTerms,
    owned,
    renew_in,
)
from app.submissions.models import Status
from judge.package_archive import ArchiveError
from judge.pipeline import judge
from judge.problem_yaml import ProblemError
from judge.runner import Runner
from judge.scoring import public_part, score_report
from judge.verdict import CaseResult, JudgeReport, Verdict
from judge.version_cache import VersionCache

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JudgingContext:
    sessionmaker: sessionmaker[Session]
    versions: VersionCache  # where this machine keeps the problem versions it judged with
    runner: Runner
    lease_s: int
    # 0: no heartbeat; the lease is then `lease_s`, renewed by each finished test.
    heartbeat_s: float = 0.0
    heartbeat_lease_s: float = 10.0
    # Told each submission whose row a commit changed (the embedded service's event streams).
    on_change: Callable[[int], None] | None = None
    leases: LeaseKeeper = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "leases", LeaseKeeper(self.sessionmaker, self.terms))

    @property
    def terms(self) -> LeaseTerms:
        return LeaseTerms(self.lease_s, self.heartbeat_s, self.heartbeat_lease_s)


def context_from_settings(
    settings: Settings,
    factory: sessionmaker[Session],
    runner: Runner,
    on_change: Callable[[int], None] | None = None,
) -> JudgingContext:
    """What a worker or the embedded pool judges with."""
    return JudgingContext(
        factory,
        VersionCache(settings.version_cache_dir),
        CountedRunner(runner),
        settings.lease_s,
        settings.heartbeat_s,
        settings.heartbeat_lease_s,
        on_change,
    )


def _announce(context: JudgingContext, session: Session, submission_id: int) -> None:
    if context.on_change is not None:
        after_commit(session, partial(context.on_change, submission_id))


_CLAIM = (
    update(SUBMISSIONS)
    .where(SUBMISSIONS.c.id == bindparam("claim_id"), SUBMISSIONS.c.status == Status.QUEUED)
    .values(
        status=Status.JUDGING,
        attempt=SUBMISSIONS.c.attempt + 1,
        started_at=bindparam("now"),
        lease_expires_at=bindparam("new_lease"),
        problem_version=select(ProblemRecord.version)
        .where(ProblemRecord.id == SUBMISSIONS.c.problem_id)
        .scalar_subquery(),
    )
    .returning(
        SUBMISSIONS.c.attempt,
        SUBMISSIONS.c.problem_id,
        SUBMISSIONS.c.code,
        SUBMISSIONS.c.problem_version,
    )
)
_ADD_CASE = insert(CASE_RESULTS)  # the row's values are the parameters
_DELETE_EARLIER_ATTEMPTS = delete(CASE_RESULTS).where(
    CASE_RESULTS.c.submission_id == bindparam("claim_id"),
    CASE_RESULTS.c.attempt != bindparam("claim_attempt"),
)
_VERDICT_COLUMNS = (
    "verdict",
    "score",
    "groups",
    "public_score",
    "public_verdict",
    "error",
    "problem_version",
    "finished_at",
)
# With and without the judged package's points (max_score).
_FINISH = {
    with_points: update(SUBMISSIONS)
    .where(*OWNED)
    .values(
        status=Status.DONE,
        lease_expires_at=None,
        **{column: bindparam(f"new_{column}") for column in _VERDICT_COLUMNS},
        **({"max_score": bindparam("new_max_score")} if with_points else {}),
    )
    for with_points in (False, True)
}


def claim(context: JudgingContext, submission_id: int) -> Claim | None:
    """Take a queued submission for judging, or None if it is done or someone else has it."""
    with transaction(context.sessionmaker) as session:
        parameters = {
            "claim_id": submission_id,
            "now": utcnow(),
            "new_lease": context.terms.expiry(),
        }
        taken = session.execute(_CLAIM, parameters).one_or_none()
        _announce(context, session, submission_id)
    if taken is None:
        return None
    return Claim(submission_id, taken.attempt, taken.problem_id, taken.code, taken.problem_version)


@dataclass(frozen=True)
class RecordedCase:
    position: int
    case: CaseResult
    private: bool = False  # the test is in a private group, hidden from students until the reveal


def _add_case(session: Session, claim: Claim, recorded: RecordedCase) -> None:
    case = recorded.case
    row = {
        "submission_id": claim.submission_id,
        "attempt": claim.attempt,
        "position": recorded.position,
        "name": case.name,
        "sample": case.sample,
        "verdict": case.verdict,
        "score": case.score,
        "time_ms": case.time_ms,
        "wall_ms": case.wall_ms,
        "memory_kb": case.memory_kb,
        "message": case.message,
        "private": recorded.private,
    }
    session.execute(_ADD_CASE, row)


def record_case(
    context: JudgingContext, claim: Claim, position: int, case: CaseResult, private: bool = False
) -> bool:
    """Store one test's result and renew the lease; False when the judge no longer owns it."""
    with transaction(context.sessionmaker) as session:
        if not renew_in(session, claim, context.terms):
            return False
        _add_case(session, claim, RecordedCase(position, case, private))
        _announce(context, session, claim.submission_id)
    return True


def finish(
    context: JudgingContext,
    claim: Claim,
    verdict: Verdict,
    score: float,
    error: str | None,
    problem_version: str | None,
    max_score: float | None = None,
    report: JudgeReport | None = None,
    last_case: RecordedCase | None = None,
) -> bool:
    """Write the verdict once, with `last_case`'s result; False if the lease was lost meanwhile
    (the new owner writes it).

    `max_score` is the judged package's points: a rejudge after the points changed keeps the
    score and its maximum consistent. `report` brings the groups and the public part; without
    it (an IE before any test) there are no groups and everything is public."""
    public_score, public_verdict = public_part(report) if report else (score, verdict)
    values = {
        "verdict": verdict,
        "score": score,
        "groups": [g.model_dump(mode="json") for g in report.groups] if report else [],
        "public_score": public_score,
        "public_verdict": public_verdict,
        "error": error,
        "problem_version": problem_version,
        "finished_at": utcnow(),
    }
    parameters = {f"new_{column}": value for column, value in values.items()}
    if max_score is not None:
        parameters["new_max_score"] = max_score
    statement = _FINISH[max_score is not None]
    with transaction(context.sessionmaker) as session:
        written = cast("CursorResult[Any]", session.execute(statement, parameters | owned(claim)))
        if written.rowcount != 1:
            session.rollback()
            log.warning("submission %s: lease lost before its verdict", claim.submission_id)
            return False
        if last_case is not None:
            _add_case(session, claim, last_case)
        _announce(context, session, claim.submission_id)
        session.execute(_DELETE_EARLIER_ATTEMPTS, owned(claim))
    judge_metrics.verdicts.labels(verdict.value).inc()
    log.info("submission %s: %s, score %s", claim.submission_id, verdict.value, score)
    return True


def judge_submission(context: JudgingContext, submission_id: int) -> None:
    """Judge `submission_id` if it is waiting; safe to call any number of times for one id."""
    claimed = claim(context, submission_id)
    if claimed is None:
        log.info("submission %s is not queued; nothing to do", submission_id)
        return
    started = time.monotonic()
    with logs.about(claimed.submission_id, claimed.attempt):
        log.info(
            "judging %s with problem version %s",
            claimed.problem_id,
            (claimed.problem_version or "none")[:12],
        )
        with context.leases.hold(claimed) as lease:
            _judge_claimed(context, claimed, lease)
    judge_metrics.submission_seconds.observe(time.monotonic() - started)


def _judge_claimed(context: JudgingContext, claimed: Claim, lease: Lease) -> None:
    submission_id = claimed.submission_id
    version = claimed.problem_version
    try:
        if version is None:
            raise VersionMissing(f"problem {claimed.problem_id!r} has no version")
        fetch = versions.fetcher(context.sessionmaker)
        problem = context.versions.load(claimed.problem_id, version, fetch)
    except (ProblemError, ArchiveError, VersionMissing, OSError) as exc:
        reason = f"problem package unusable: {exc}"
        finish(context, claimed, Verdict.IE, 0.0, reason, version)
        return
    cases: list[CaseResult] = []
    private = problem.private_tests
    last = len(problem.tests) - 1
    unrecorded: RecordedCase | None = None  # the last test's result, written with the verdict
    try:
        for position, case in enumerate(judge(problem, claimed.code, context.runner)):
            judge_metrics.test_seconds.observe(case.wall_ms / 1000)
            if case.verdict is Verdict.IE:
                judge_metrics.test_internal_errors.inc()
            cases.append(case)
            if position == last:
                unrecorded = RecordedCase(position, case, case.name in private)
                continue
            if not record_case(context, claimed, position, case, case.name in private):
                log.warning("submission %s: lease lost, leaving it to its new judge", submission_id)
                return
            lease.progressed()
    except Exception as exc:  # the judge's fault, never the student's: IE, code kept
        log.exception("submission %s: internal error while judging", submission_id)
        reason = f"{type(exc).__name__}: {exc}"
        points = problem.spec.points
        finish(context, claimed, Verdict.IE, 0.0, reason, problem.version, points, None, unrecorded)
        return
    report = score_report(problem, cases)
    error = next((c.message for c in cases if c.verdict is Verdict.IE), None)
    finish(
        context,
        claimed,
        report.verdict,
        report.score,
        error,
        problem.version,
        report.max_score,
        report,
        unrecorded,
    )
