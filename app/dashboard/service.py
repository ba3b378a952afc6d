"""The teacher's dashboard: how the room is doing, per problem and minute by minute.

Only students count (administrators' own tries would blur the picture). Every figure is an
aggregate computed by the database, so the cost grows with problems and tests, not with the
number of submissions sent back to Python.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, case, distinct, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from app.auth.models import User
from app.dashboard.schemas import (
    AttemptsBucket,
    Dashboard,
    FailingTest,
    MinuteCount,
    ProblemStats,
)
from app.problems.models import ProblemRecord
from app.submissions.models import CaseResultRecord, Status, Submission
from judge.verdict import Verdict

WINDOW_MINUTES = 120
FAILING_TESTS_SHOWN = 5


class epoch_minute(FunctionElement[int]):
    """Whole minutes since 1970 of a UTC timestamp column, in SQL: the per-minute bucket."""

    type = BigInteger()
    inherit_cache = True


@compiles(epoch_minute, "postgresql")
def _epoch_minute_pg(element: epoch_minute, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"CAST(FLOOR(EXTRACT(EPOCH FROM {column}) / 60) AS BIGINT)"


@compiles(epoch_minute, "sqlite")
def _epoch_minute_sqlite(element: epoch_minute, compiler: Any, **kw: Any) -> str:
    # SQLite keeps UTC datetimes as ISO text; '%s' reads them back as Unix seconds.
    column = compiler.process(element.clauses, **kw)
    return f"(CAST(strftime('%s', {column}) AS INTEGER) / 60)"


def _students() -> ColumnElement[bool]:
    return Submission.user_id.in_(select(User.id).where(User.is_admin.is_(False)))


def median(buckets: list[AttemptsBucket]) -> float | None:
    """The median of a distribution given as (value, how many) pairs."""
    total = sum(b.users for b in buckets)
    if total == 0:
        return None
    middle = [(total - 1) // 2, total // 2]  # the one or two middle ranks
    values: list[int] = []
    seen = 0
    for bucket in sorted(buckets, key=lambda b: b.attempts):
        values.extend(bucket.attempts for rank in middle if seen <= rank < seen + bucket.users)
        seen += bucket.users
    return sum(values) / len(values)


def _counts(session: Session) -> dict[str, dict[str, Any]]:
    rows = session.execute(
        select(
            Submission.problem_id,
            func.count(),
            func.count(distinct(Submission.user_id)),
            func.count(distinct(case((Submission.verdict == Verdict.AC, Submission.user_id)))),
            func.sum(case((Submission.status != Status.DONE, 1), else_=0)),
        )
        .where(_students())
        .group_by(Submission.problem_id)
    )
    return {
        problem: {"submissions": n, "tried": tried, "solved": solved, "pending": pending or 0}
        for problem, n, tried, solved, pending in rows
    }


def _verdicts(session: Session) -> dict[str, dict[str, int]]:
    rows = session.execute(
        select(Submission.problem_id, Submission.verdict, func.count())
        .where(_students(), Submission.status == Status.DONE, Submission.verdict.is_not(None))
        .group_by(Submission.problem_id, Submission.verdict)
    )
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for problem, verdict, n in rows:
        assert verdict is not None  # excluded by the query
        found[problem][verdict.value] = n
    return found


def _attempts(session: Session) -> dict[str, list[AttemptsBucket]]:
    # A solver's first AC is their AC submission with the smallest id (ids follow arrival).
    first_ac = (
        select(Submission.user_id, Submission.problem_id, func.min(Submission.id).label("first_id"))
        .where(_students(), Submission.verdict == Verdict.AC)
        .group_by(Submission.user_id, Submission.problem_id)
        .subquery()
    )
    per_user = (
        select(first_ac.c.problem_id, func.count(Submission.id).label("attempts"))
        .join(
            Submission,
            (Submission.user_id == first_ac.c.user_id)
            & (Submission.problem_id == first_ac.c.problem_id)
            & (Submission.id <= first_ac.c.first_id),
        )
        .group_by(first_ac.c.problem_id, first_ac.c.user_id)
        .subquery()
    )
    rows = session.execute(
        select(per_user.c.problem_id, per_user.c.attempts, func.count())
        .group_by(per_user.c.problem_id, per_user.c.attempts)
        .order_by(per_user.c.problem_id, per_user.c.attempts)
    )
    found: dict[str, list[AttemptsBucket]] = defaultdict(list)
    for problem, attempts, users in rows:
        found[problem].append(AttemptsBucket(attempts=attempts, users=users))
    return found


def _failing_tests(session: Session) -> dict[str, list[FailingTest]]:
    # Only the results of each submission's current attempt: a rejudge replaces the older ones.
    failed = func.sum(case((CaseResultRecord.verdict != Verdict.AC, 1), else_=0))
    rows = session.execute(
        select(
            Submission.problem_id,
            CaseResultRecord.name,
            CaseResultRecord.sample,
            failed,
            func.count(),
        )
        .join(
            Submission,
            (CaseResultRecord.submission_id == Submission.id)
            & (CaseResultRecord.attempt == Submission.attempt),
        )
        .where(_students(), Submission.status == Status.DONE)
        .group_by(Submission.problem_id, CaseResultRecord.name, CaseResultRecord.sample)
        .having(failed > 0)
    )
    found: dict[str, list[FailingTest]] = defaultdict(list)
    for problem, name, sample, n_failed, ran in rows:
        found[problem].append(FailingTest(name=name, sample=sample, failed=n_failed, ran=ran))
    return {
        problem: sorted(tests, key=lambda t: (-t.failed, t.name))[:FAILING_TESTS_SHOWN]
        for problem, tests in found.items()
    }


def _activity(session: Session, now: datetime) -> list[MinuteCount]:
    last = now.replace(second=0, microsecond=0)
    first = last - timedelta(minutes=WINDOW_MINUTES - 1)
    first_index = int(first.timestamp()) // 60
    minute = epoch_minute(Submission.created_at)
    rows = session.execute(
        select(
            minute,
            func.count(),
            func.sum(case((Submission.verdict == Verdict.AC, 1), else_=0)),
        )
        .where(_students(), Submission.created_at >= first)
        .group_by(minute)
    )
    counted = {int(index) - first_index: (n, accepted or 0) for index, n, accepted in rows}
    return [
        MinuteCount(
            minute=first + timedelta(minutes=i),
            submissions=counted.get(i, (0, 0))[0],
            accepted=counted.get(i, (0, 0))[1],
        )
        for i in range(WINDOW_MINUTES)
    ]


def dashboard(session: Session, now: datetime) -> Dashboard:
    """Every active problem (closed sections included: teachers see them all), by section."""
    problems = session.execute(
        select(ProblemRecord.id, ProblemRecord.title, ProblemRecord.section)
        .where(ProblemRecord.active.is_(True))
        .order_by(ProblemRecord.section, ProblemRecord.id)
    ).all()
    counts, verdicts = _counts(session), _verdicts(session)
    attempts, failing = _attempts(session), _failing_tests(session)
    empty = {"submissions": 0, "tried": 0, "solved": 0, "pending": 0}
    stats = []
    for problem_id, title, section in problems:
        found = verdicts.get(problem_id, {})
        stats.append(
            ProblemStats(
                id=problem_id,
                title=title,
                section=section,
                **counts.get(problem_id, empty),
                verdicts={v.value: found.get(v.value, 0) for v in Verdict},
                attempts_median=median(attempts.get(problem_id, [])),
                attempts=attempts.get(problem_id, []),
                failing_tests=failing.get(problem_id, []),
            )
        )
    students = session.scalar(select(func.count()).where(User.is_admin.is_(False))) or 0
    return Dashboard(
        generated_at=now,
        students=students,
        window_minutes=WINDOW_MINUTES,
        activity=_activity(session, now),
        problems=stats,
    )
