"""The release schedule as administrators see it: each section, whether it is open to students
now, and the current section (shared by `GET /api/admin/sections` and `mljudge sections show`)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.admin.schemas import SectionsOverview, SectionState
from app.problems import schedule
from app.problems.models import ProblemRecord
from judge.problem_yaml import ProblemError
from judge.sections import load_schedule


def overview(session: Session, problems_dir: Path, now: datetime) -> SectionsOverview:
    errors: list[str] = []
    try:
        load_schedule(problems_dir)
    except ProblemError as exc:
        errors = exc.lines
    as_student = schedule.visibility(session, problems_dir, None, now)
    counts = dict(
        session.execute(
            select(ProblemRecord.section, func.count())
            .where(ProblemRecord.active)
            .group_by(ProblemRecord.section)
        ).all()
    )
    titled = as_student.schedule.sections if as_student.schedule is not None else {}
    states = []
    for number in sorted(set(counts) | set(titled)):
        section = titled.get(number)
        states.append(
            SectionState(
                section=number,
                title=section.title if section else None,
                title_ja=section.title_ja if section else None,
                release=section.release if section else None,
                open=as_student.is_open(number),
                problems=counts.get(number, 0),
            )
        )
    return SectionsOverview(current=as_student.current, now=now, errors=errors, sections=states)
