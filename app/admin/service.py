"""Every administrator action, for the API (app/admin/router.py) and the pages (app/web/
admin_pages.py) alike: one code path each, and each writes its audit entry when it takes effect.
Like every service, nothing here commits; the request does."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.admin import audit, packages
from app.admin.schemas import CurrentSection, ProblemState, RejudgeResult, UploadResult, UserUpdate
from app.auth.models import User
from app.problems import schedule, versions
from app.problems import service as problems
from app.problems.models import ProblemRecord
from app.problems.schemas import SyncReport
from app.runners import RunnerHolder
from app.settings import Settings
from app.submissions import service as submissions
from app.submissions.models import Submission
from app.submissions.outbox import OutboxRelay

# Raised as is: packages.PackageRejected (the upload's reasons, one per line).
PackageRejected = packages.PackageRejected


class NotFound(Exception):
    """The message says what is missing (English, as API errors are)."""


class UploadTooLarge(Exception):
    pass


class RunnerUnavailable(Exception):
    pass


class Refused(Exception):
    """The action would do harm; the message says why."""


def reload_problems(session: Session, actor: User, problems_dir: Path) -> SyncReport:
    report = problems.sync(session, problems_dir)
    # The unchanged packages (most of them) would only make every entry long.
    audit.record(session, actor, "problems.reload", report.model_dump(exclude={"unchanged"}))
    return report


def upload_problem(
    session: Session, actor: User, data: bytes, settings: Settings, runners: RunnerHolder
) -> UploadResult:
    """Validate the zip by judging it (judge/validation.py) and install it; blocks for as long
    as that takes, so callers run it in a worker thread."""
    if len(data) > settings.max_upload_bytes:
        raise UploadTooLarge(f"the zip is larger than {settings.max_upload_bytes // 2**20} MiB")
    try:
        runner = runners.get()
    except Exception as exc:  # noqa: BLE001 (whatever the runner's start-up raised, said as it is)
        raise RunnerUnavailable(f"cannot judge the reference solution: {exc}") from None
    problem, replaced, reference, warnings = packages.install(data, settings.problems_dir, runner)
    problems.upsert(session, problem, versions.packed(problem))
    result = UploadResult(
        id=problem.id,
        version=problem.version,
        replaced=replaced,
        reference=reference,
        warnings=warnings,
    )
    details = {**result.model_dump(exclude={"reference", "warnings"}), "bytes": len(data)}
    audit.record(session, actor, "problems.upload", details)
    return result


def _requeue(
    session: Session, chosen: list[Submission], settings: Settings, outbox: OutboxRelay
) -> RejudgeResult:
    for submission in chosen:
        submissions.requeue(session, submission, settings.lease_s, outbox)
    return RejudgeResult(requeued=[s.id for s in chosen])


def rejudge_submission(
    session: Session, actor: User, submission_id: int, settings: Settings, outbox: OutboxRelay
) -> RejudgeResult:
    submission = session.get(Submission, submission_id)
    if submission is None:
        raise NotFound(f"no submission {submission_id}")
    result = _requeue(session, [submission], settings, outbox)
    details = {"submission_id": submission.id, "problem_id": submission.problem_id}
    audit.record(session, actor, "submissions.rejudge", details)
    return result


def rejudge_problem(
    session: Session, actor: User, problem_id: str, settings: Settings, outbox: OutboxRelay
) -> RejudgeResult:
    if problems.get_active(session, problem_id) is None:
        raise NotFound(f"no problem {problem_id!r}")
    chosen = session.scalars(
        select(Submission).where(Submission.problem_id == problem_id).order_by(Submission.id)
    ).all()
    result = _requeue(session, list(chosen), settings, outbox)
    details = {"problem_id": problem_id, "requeued": len(result.requeued)}
    audit.record(session, actor, "problems.rejudge", details)
    return result


def set_current_section(session: Session, actor: User, section: int | None) -> CurrentSection:
    previous = schedule.current_section(session)
    schedule.set_current_section(session, section)
    audit.record(session, actor, "sections.current", {"section": section, "previous": previous})
    return CurrentSection(section=section)


def update_user(session: Session, actor: User, username: str, update: UserUpdate) -> User:
    """Change what the update sets (only the fields it was given); an entry lists each change
    as [before, after]. Nothing changed, nothing is written."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"no user {username!r}")
    wanted = {name: getattr(update, name) for name in update.model_fields_set}
    if wanted.get("is_admin") is False and user.id == actor.id:
        # Another admin can do it; this way nobody locks the last admin out by a slip.
        raise Refused("you cannot take away your own administrator rights")
    changes = {
        name: [getattr(user, name), value]
        for name, value in wanted.items()
        if getattr(user, name) != value
    }
    for name, (_before, after) in changes.items():
        setattr(user, name, after)
    if changes:
        session.flush()
        audit.record(session, actor, "users.update", {"username": username, "changes": changes})
    return user


def search_users(
    session: Session, query: str, *, limit: int, offset: int
) -> tuple[list[User], int]:
    """Users whose name contains `query` (any case), by name."""
    conditions = []
    if query:
        escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(User.username.ilike(f"%{escaped}%", escape="\\"))
    total = session.scalar(select(func.count()).select_from(User).where(*conditions)) or 0
    rows = session.scalars(
        select(User).where(*conditions).order_by(User.username).limit(limit).offset(offset)
    )
    return list(rows), total


def problem_states(session: Session, problems_dir: Path, now: datetime) -> list[ProblemState]:
    """Every problem the database knows (gone ones too), by section, with its state now."""
    as_student = schedule.visibility(session, problems_dir, None, now)
    counts = dict(
        session.execute(
            select(Submission.problem_id, func.count()).group_by(Submission.problem_id)
        ).all()
    )
    rows = session.execute(
        select(
            ProblemRecord.id,
            ProblemRecord.title,
            ProblemRecord.section,
            ProblemRecord.points,
            ProblemRecord.version,
            ProblemRecord.active,
            ProblemRecord.updated_at,
        ).order_by(ProblemRecord.section, ProblemRecord.id)
    )
    return [
        ProblemState(
            **row._asdict(),
            open=row.active and as_student.is_open(row.section),
            submissions=counts.get(row.id, 0),
        )
        for row in rows
    ]
