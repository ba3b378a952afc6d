"""The lecture's sections (`problems/sections.yaml`) and when each one opens to students.

A section is open when any of these holds:

1. its `release:` time has passed;
2. a current section N is set (by an administrator) and the section's number is at most N;
3. it has no `release:` time and no current section is set.

So with neither release times nor a current section, everything is open. Administrators always
see every section; only students are subject to the rule.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import AwareDatetime, Field, ValidationError

from judge.problem_yaml import ProblemError, read_yaml, validation_error
from judge.spec import Strict

SECTIONS_FILE = "sections.yaml"
SECTION_NUMBERS = range(8)  # ProblemSpec.section: 0 (not tied to a session) to 7


class Section(Strict):
    title: str = Field(min_length=1, max_length=120, description="English, e.g. Session 1: …")
    title_ja: str | None = Field(None, min_length=1, max_length=120)
    release: AwareDatetime | None = Field(None, description="ISO 8601 with a timezone")


class Schedule(Strict):
    """The parsed `sections.yaml`; a missing file is an empty schedule (everything open)."""

    sections: dict[int, Section] = Field(default_factory=dict)

    def is_open(self, number: int, current: int | None, now: datetime) -> bool:
        section = self.sections.get(number)
        release = section.release if section else None
        if release is not None and now >= release:
            return True
        if current is not None:
            return number <= current
        return release is None


def load_schedule(problems_root: Path) -> Schedule:
    """Read `problems_root/sections.yaml`; ProblemError (every mistake, naming file and field)."""
    path = Path(problems_root).absolute() / SECTIONS_FILE
    if not path.is_file():
        return Schedule()
    raw = read_yaml(path)
    if raw is None:
        return Schedule()
    if not isinstance(raw, dict):
        raise ProblemError(path, "must be a mapping with `sections:`")
    try:
        schedule = Schedule.model_validate(raw)
    except ValidationError as exc:
        raise validation_error(path, raw, exc) from None
    wrong = [
        ProblemError(path, f"section numbers are 0–7 (got {n})", f"sections.{n}")
        for n in schedule.sections
        if n not in SECTION_NUMBERS
    ]
    if wrong:
        raise ProblemError.several(wrong)
    return schedule
