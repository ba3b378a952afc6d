"""problems/sections.yaml and the rule that opens a section to students."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from judge.problem_yaml import ProblemError
from judge.sections import Schedule, Section, load_schedule

JST = timezone(timedelta(hours=9))
MAY_1 = datetime(2026, 5, 1, 13, 0, tzinfo=JST)


def schedule_of(**releases: datetime | None) -> Schedule:
    return Schedule(sections={int(k[1:]): Section(title=k, release=v) for k, v in releases.items()})


def test_with_neither_releases_nor_a_current_section_everything_is_open() -> None:
    assert all(Schedule().is_open(n, None, MAY_1) for n in range(8))
    assert schedule_of(s1=None).is_open(1, None, MAY_1)


def test_a_release_time_opens_its_section_at_that_moment() -> None:
    schedule = schedule_of(s3=MAY_1)
    assert not schedule.is_open(3, None, MAY_1 - timedelta(seconds=1))
    assert schedule.is_open(3, None, MAY_1)
    assert schedule.is_open(3, None, MAY_1.astimezone(UTC) + timedelta(days=1))
    assert schedule.is_open(2, None, MAY_1 - timedelta(days=9))  # no release of its own


def test_a_current_section_opens_it_and_every_earlier_one() -> None:
    schedule = schedule_of(s5=MAY_1)
    before = MAY_1 - timedelta(days=1)
    assert [n for n in range(8) if schedule.is_open(n, 3, before)] == [0, 1, 2, 3]
    # A release time that has passed opens its section even beyond the current section.
    assert [n for n in range(8) if schedule.is_open(n, 3, MAY_1)] == [0, 1, 2, 3, 5]


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "sections.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "sections.yaml"


def test_loads_titles_and_release_times(tmp_path: Path) -> None:
    write(
        tmp_path,
        "sections:\n"
        "  1: {title: 'Session 1: Learning', title_ja: 第1回 学習}\n"
        "  3:\n    title: 'Session 3: Automatic differentiation'\n"
        "    release: 2026-05-01T13:00:00+09:00\n",
    )
    schedule = load_schedule(tmp_path)
    assert schedule.sections[1].title_ja == "第1回 学習"
    assert schedule.sections[3].release == MAY_1


def test_a_missing_or_empty_file_opens_everything(tmp_path: Path) -> None:
    assert load_schedule(tmp_path) == Schedule()
    write(tmp_path, "")
    assert load_schedule(tmp_path) == Schedule()


@pytest.mark.parametrize(
    ("text", "field", "fragment"),
    [
        (
            "sections:\n  1: {title: A, release: 2026-05-01T13:00:00}\n",
            "sections.1.release",
            "timezone",
        ),
        ("sections:\n  1: {title: A, relase: 2026-05-01}\n", "sections.1.relase", "unknown field"),
        ("sections:\n  9: {title: A}\n", "sections.9", "0–7"),
        ("sectons: {}\n", "sectons", "unknown field"),
    ],
)
def test_mistakes_name_the_file_and_the_field(tmp_path, text, field, fragment) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ProblemError) as caught:
        load_schedule(tmp_path)
    assert str(caught.value).startswith(f"{path}: {field}: "), str(caught.value)
    assert fragment in str(caught.value)


def test_every_mistake_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "sections:\n  1: {release: soon}\n  2: {title: ''}\n")
    with pytest.raises(ProblemError) as caught:
        load_schedule(tmp_path)
    assert [line.split(": ")[1] for line in caught.value.lines] == [
        "sections.1.title",
        "sections.1.release",
        "sections.2.title",
    ]
    assert all(line.startswith(f"{path}: ") for line in caught.value.lines)


def test_the_shipped_schedule_loads() -> None:
    schedule = load_schedule(Path(__file__).resolve().parents[2] / "problems")
    assert sorted(schedule.sections) == list(range(1, 8))
    assert schedule.sections[1].title_ja == "第1回 学習"
    assert schedule.sections[3].title == "Session 3: Automatic differentiation"
