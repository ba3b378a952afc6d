"""Creating, reading and re-queueing submissions. Judging itself is in `judging.py`."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from app.auth.models import User
from app.db import after_commit, utcnow
from app.problems.schedule import Visibility, visible_problem
from app.settings import Settings
from app.submissions import visibility
from app.submissions.models import CaseResultRecord, Status, Submission
from app.submissions.outbox import OutboxRelay
from app.submissions.schemas import GroupOut, SubmissionListItem, SubmissionOut, TestResultOut
from app.submissions.writer import NewSubmission, Stored, SubmissionWriter
from judge.verdict import Verdict


class CodeTooLarge(Exception):
    """More than `max_code_bytes` in UTF-8 (the message says the limit)."""


class CodeTooLong(CodeTooLarge):
    """More characters than `max_code_bytes`: the `maxLength` the API's schema states for `code`
    (a character bound, which JSON Schema can express; the byte bound it cannot)."""


class UnknownProblem(Exception):
    def __init__(self, problem_id: str):
        super().__init__(f"no problem {problem_id!r}")


def create(
    session: Session,
    user: User,
    problem_id: str,
    code: str,
    settings: Settings,
    writer: SubmissionWriter,
    seen_by: Visibility,
    idempotency_key: str | None = None,
) -> Stored:
    """A new queued submission, stored by the writer (committed when this returns) and sent to
    the judges by the outbox. With `idempotency_key`, the user's submission made with that key
    in the last day instead (the same problem and code, or IdempotencyKeyReused)."""
    if len(code) > settings.max_code_bytes:
        raise CodeTooLong(f"String should have at most {settings.max_code_bytes} characters")
    if len(code.encode("utf-8")) > settings.max_code_bytes:
        raise CodeTooLarge(f"code is larger than {settings.max_code_bytes // 1024} KiB")
    # A problem of a section not open to this user is unknown to them, as in GET /api/problems.
    problem = visible_problem(session, problem_id, seen_by)
    if problem is None:
        raise UnknownProblem(problem_id)
    # Until judged, max_score is the problem's points; the verdict brings the judged
    # package's (models.py).
    new = NewSubmission(user.id, problem_id, code, problem.points, idempotency_key)
    return writer.store(new)


def requeue(session: Session, submission: Submission, lease_s: int, outbox: OutboxRelay) -> None:
    """Judge again from scratch (admin rejudge), sent by the outbox once the caller commits. A
    judge still busy with it loses its lease."""
    submission.status = Status.QUEUED
    submission.verdict = None
    submission.score = None
    submission.groups = None
    submission.public_score = None
    submission.public_verdict = None
    submission.error = None
    submission.finished_at = None
    submission.interruptions = 0
    submission.lease_expires_at = utcnow() + timedelta(seconds=lease_s)
    submission.dispatched_at = None
    after_commit(session, outbox.wake)


def can_read(user: User, submission: Submission) -> bool:
    return user.is_admin or submission.user_id == user.id


def problem_hidden(session: Session, submission: Submission, seen_by: Visibility) -> bool:
    """A submission to a problem whose section is (again) closed is hidden with its problem."""
    return visible_problem(session, submission.problem_id, seen_by) is None and not seen_by.admin


class SubmissionNotFound(Exception):
    """No such submission, or one to a problem hidden from the viewer (404: not even whether it
    exists is told)."""

    def __init__(self, submission_id: int):
        super().__init__(f"no submission {submission_id}")


class NotYourSubmission(Exception):
    """Another user's submission (403)."""

    def __init__(self) -> None:
        super().__init__("this submission is someone else's")


def readable(session: Session, submission_id: int, viewer: User, seen_by: Visibility) -> Submission:
    """The submission `viewer` may read: the one check behind the API and the pages, its result
    and its event stream alike."""
    submission = session.get(Submission, submission_id)
    if submission is None or problem_hidden(session, submission, seen_by):
        raise SubmissionNotFound(submission_id)
    if not can_read(viewer, submission):
        raise NotYourSubmission()
    return submission


def current_results(session: Session, submission: Submission) -> list[CaseResultRecord]:
    return list(
        session.scalars(
            select(CaseResultRecord)
            .where(
                CaseResultRecord.submission_id == submission.id,
                CaseResultRecord.attempt == submission.attempt,
            )
            .order_by(CaseResultRecord.position)
        )
    )


def present_test(record: CaseResultRecord, full: bool) -> TestResultOut:
    shown = TestResultOut(
        position=record.position,
        sample=record.sample,
        verdict=record.verdict,
        time_ms=record.time_ms,
        memory_kb=record.memory_kb,
    )
    if full or record.sample:
        shown.name = record.name
        shown.score = record.score
        shown.wall_ms = record.wall_ms
        shown.message = record.message
    return shown


def present_groups(
    submission: Submission, results: list[CaseResultRecord], hidden_at: datetime | None
) -> list[GroupOut]:
    positions = {r.name: r.position for r in results}
    shown = []
    for group in submission.groups or []:
        hidden = hidden_at if group["private"] else None
        shown.append(
            GroupOut(
                name=group["name"],
                points=group["points"],
                rule=group["rule"],
                private=group["private"],
                tests=[positions[n] for n in group["tests"] if n in positions],
                score=None if hidden else group["score"],
                verdict=None if hidden else group["verdict"],
                hidden_until=hidden,
            )
        )
    return shown


def present(session: Session, submission: Submission, viewer: User) -> SubmissionOut:
    # While judging the rows of the running attempt are shown; finished ones are final.
    results = current_results(session, submission)
    hidden_at = visibility.hidden_until(session, viewer).get(submission.problem_id)
    return SubmissionOut(
        **listing(submission, hidden_at).model_dump(),
        finished_at=submission.finished_at,
        code=submission.code,
        error=submission.error if viewer.is_admin else None,
        problem_version=submission.problem_version if viewer.is_admin else None,
        # Tests of private groups are left out entirely: even a verdict would tell.
        tests=[present_test(r, viewer.is_admin) for r in results if not (hidden_at and r.private)],
        groups=present_groups(submission, results, hidden_at),
    )


def listing(submission: Submission, hidden_at: datetime | None = None) -> SubmissionListItem:
    """`hidden_at`: the problem's private groups are hidden from the viewer until then."""
    return SubmissionListItem(
        id=submission.id,
        username=submission.user.username,
        problem_id=submission.problem_id,
        status=submission.status,
        verdict=submission.public_verdict if hidden_at else submission.verdict,
        score=submission.public_score if hidden_at else submission.score,
        max_score=submission.max_score,
        created_at=submission.created_at,
        private_hidden_until=hidden_at,
    )


def user_id_of(session: Session, username: str) -> int | None:
    return session.scalar(select(User.id).where(User.username == username))


def list_page(
    session: Session,
    *,
    user_id: int | None,
    problem_id: str | None,
    limit: int,
    offset: int,
    viewer: User | None = None,
    hidden_problems: Collection[str] = (),
    verdict: Verdict | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[SubmissionListItem], int]:
    """`viewer` decides whether private groups count (admins); None is a student's view.
    `verdict` filters on the verdict the viewer sees; `since` and `until` on the submission time
    (since <= created_at < until)."""
    hidden = visibility.hidden_until(session, viewer)
    conditions = []
    if verdict is not None:
        conditions.append(visibility.shown_verdict(hidden) == verdict)
    if since is not None:
        conditions.append(Submission.created_at >= since)
    if until is not None:
        conditions.append(Submission.created_at < until)
    if hidden_problems:  # problems of sections not open to the viewer
        conditions.append(Submission.problem_id.not_in(list(hidden_problems)))
    if user_id is not None:
        conditions.append(Submission.user_id == user_id)
    if problem_id is not None:
        conditions.append(Submission.problem_id == problem_id)
    total = session.scalar(select(func.count()).select_from(Submission).where(*conditions)) or 0
    rows = session.scalars(
        select(Submission)
        .options(defer(Submission.code))  # a page of listings never shows the code
        .where(*conditions)
        .order_by(Submission.id.desc())
        .limit(limit)
        .offset(offset)
    )
    items = [listing(s, hidden.get(s.problem_id)) for s in rows]
    return items, total


def accepted_before(session: Session, submission: Submission, viewer: User) -> bool:
    """Whether the same user had an AC on the same problem before this submission, as `viewer`
    sees verdicts (before a reveal, a student's AC is the public one)."""
    hidden = visibility.hidden_until(session, viewer)
    earlier = session.scalar(
        select(func.count())
        .select_from(Submission)
        .where(
            Submission.user_id == submission.user_id,
            Submission.problem_id == submission.problem_id,
            Submission.id < submission.id,
            visibility.shown_verdict(hidden) == Verdict.AC,
        )
    )
    return bool(earlier)
