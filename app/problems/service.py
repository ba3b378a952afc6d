"""Problems as the API sees them, synced from the packages under `problems_dir`.

A sync or an upload stores each package as a version (app/problems/versions.py) and points the
problem's row at it; judges read the version, never the folder."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import utcnow
from app.problems import versions
from app.problems.models import ProblemRecord
from app.problems.schedule import Visibility
from app.problems.schemas import ProblemSummary, SyncReport
from app.submissions import visibility
from app.submissions.models import Status, Submission
from judge.functions import sample_texts
from judge.problem_yaml import ProblemError
from judge.problemset import Problem, TestCase, load_problem
from judge.sections import load_schedule
from judge.verdict import Verdict


def _sample_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _sample(problem: Problem, test: TestCase) -> dict[str, str]:
    if problem.spec.mode == "function":  # the call and the return value as JSON, arrays inline
        call, answer = sample_texts(test, problem.spec)
        return {"name": test.name, "input": call, "output": answer}
    return {
        "name": test.name,
        "input": _sample_text(test.read_input()),
        "output": test.read_answer(),
    }


def record_fields(problem: Problem) -> dict[str, object]:
    spec = problem.spec
    samples = [_sample(problem, t) for t in problem.tests if t.sample]
    return {
        "title": spec.title,
        "title_ja": spec.title_ja,
        "section": spec.section,
        "points": spec.points,
        "version": problem.version,
        "statement_en": problem.statements.get("en"),
        "statement_ja": problem.statements.get("ja"),
        "limits": spec.limits.model_dump(),
        "samples": samples,
        "test_count": len(problem.tests),
        "active": True,
        "updated_at": utcnow(),
        "reveal_private_at": spec.reveal_private_at,
    }


def upsert(session: Session, problem: Problem, archive: bytes) -> str:
    """Store one loaded package and its archive (versions.packed); returns "added", "updated"
    or "unchanged"."""
    versions.store(session, problem.id, problem.version, archive)
    record = session.get(ProblemRecord, problem.id)
    if record is None:
        session.add(ProblemRecord(id=problem.id, **record_fields(problem)))
        return "added"
    if record.version == problem.version and record.active:
        return "unchanged"
    for name, value in record_fields(problem).items():
        setattr(record, name, value)
    return "updated"


def sync(session: Session, problems_dir: Path) -> SyncReport:
    """Bring the table in line with the folder. A package that fails to load keeps its old row
    (students can still read it) and is reported; a package gone from disk is deactivated."""
    report = SyncReport()
    seen: set[str] = set()
    # Every package is read before the first write: a write holds SQLite's write lock (the
    # rows' locks on PostgreSQL) until the commit, and reading all the packages takes seconds,
    # which every submission meanwhile would wait out.
    loaded = []
    for yaml_path in sorted(Path(problems_dir).glob("*/problem.yaml")):
        seen.add(yaml_path.parent.name)
        try:
            problem = load_problem(yaml_path.parent)
            loaded.append((problem, versions.packed(problem)))
        except ProblemError as exc:
            report.errors.extend(exc.lines)
    try:
        load_schedule(problems_dir)
    except ProblemError as exc:
        report.errors.extend(exc.lines)
    for problem, archive in loaded:
        getattr(report, upsert(session, problem, archive)).append(problem.id)
    for record in session.scalars(select(ProblemRecord).where(ProblemRecord.active)):
        if record.id not in seen:
            record.active = False
            report.removed.append(record.id)
    session.flush()
    return report


def list_problems(session: Session, user: User | None, seen_by: Visibility) -> list[ProblemSummary]:
    # Two light queries (columns, not whole rows with their statements): this is the most
    # polled page of the judge.
    mine = Submission.user_id == (user.id if user is not None else -1)
    hidden = visibility.hidden_until(session, user)
    score, verdict = visibility.shown_score(hidden), visibility.shown_verdict(hidden)
    stats = {
        problem_id: (solved, best)
        for problem_id, solved, best in session.execute(
            select(
                Submission.problem_id,
                func.count(distinct(case((verdict == Verdict.AC, Submission.user_id)))),
                func.max(case((mine & (Submission.status == Status.DONE), score))),
            ).group_by(Submission.problem_id)
        )
    }
    rows = session.execute(
        select(
            ProblemRecord.id,
            ProblemRecord.title,
            ProblemRecord.title_ja,
            ProblemRecord.section,
            ProblemRecord.points,
        )
        .where(ProblemRecord.active)
        .order_by(ProblemRecord.section, ProblemRecord.id)
    )
    return [
        ProblemSummary(
            id=row.id,
            title=row.title,
            title_ja=row.title_ja,
            section=row.section,
            points=row.points,
            solved_by=stats.get(row.id, (0, None))[0],
            my_best_score=stats.get(row.id, (0, None))[1],
        )
        for row in rows
        if seen_by.is_open(row.section)
    ]


def statement_in(record: ProblemRecord, lang: str) -> tuple[Literal["en", "ja"], str]:
    """(served language, Markdown): the one asked for, else the one the problem has."""
    if lang == "en" and record.statement_en is not None:
        return "en", record.statement_en
    if record.statement_ja is not None:
        return "ja", record.statement_ja
    return "en", record.statement_en or ""


def get_active(session: Session, problem_id: str) -> ProblemRecord | None:
    record = session.get(ProblemRecord, problem_id)
    return record if record is not None and record.active else None
