"""`scoring:` and `groups:`: how the loader checks them and how a score is made from tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from judge.problem_yaml import ProblemError
from judge.problemset import load_problem
from judge.scoring import public_part, score_report
from judge.verdict import CaseResult, Verdict

# Four tests: the sample `1`, then `2`, `large-1`, `large-2`.
GROUPS = [
    {"name": "sample", "points": 0, "tests": [1]},
    {"name": "main", "points": 60, "tests": ["2"]},
    {"name": "large", "points": 40, "tests": ["large-*"], "rule": "all-or-nothing"},
]


def package(make_package, **spec) -> Path:
    root = make_package(**spec)
    for name, value in (("large-1", "11"), ("large-2", "12")):
        (root / "tests" / f"{name}.ans").write_text(value + "\n")
    return root


def load_error(root: Path) -> ProblemError:
    with pytest.raises(ProblemError) as caught:
        load_problem(root)
    return caught.value


def assert_error(root: Path, field: str, fragment: str) -> None:
    error = load_error(root)
    assert str(error).startswith(f"{root / 'problem.yaml'}: {field}: "), str(error)
    assert error.field == field and fragment in str(error), str(error)


def case(name: str, verdict: Verdict = Verdict.AC, score: float | None = None) -> CaseResult:
    if score is None:
        score = 1.0 if verdict is Verdict.AC else 0.0
    return CaseResult(name=name, verdict=verdict, score=score)


def cases(**scores: float) -> list[CaseResult]:
    """`cases(**{"1": 1, "2": 0.5})`: AC for a score of 1, WA below."""
    return [case(n, Verdict.AC if s >= 1 else Verdict.WA, s) for n, s in scores.items()]


ALL = ("1", "2", "large-1", "large-2")


def scored(problem, **scores: float):
    return score_report(problem, cases(**{n: scores.get(n, 1.0) for n in ALL}))


# --- the rules ---------------------------------------------------------------------------------


def test_mean_is_the_default_and_gives_partial_credit(make_package) -> None:
    problem = load_problem(package(make_package))
    assert problem.spec.scoring == "mean" and problem.groups == []
    report = scored(problem, **{"2": 0.5, "large-2": 0})
    assert (report.verdict, report.score, report.max_score) == (Verdict.WA, 62.5, 100)
    assert report.groups == []


def test_all_or_nothing_gives_full_points_only_when_every_test_is_ac(make_package) -> None:
    problem = load_problem(package(make_package, scoring="all-or-nothing"))
    assert scored(problem).score == 100 and scored(problem).verdict is Verdict.AC
    nearly = scored(problem, **{"large-2": 0.99})
    assert (nearly.verdict, nearly.score) == (Verdict.WA, 0)


def test_printing_the_sample_answers_scores_nothing_under_all_or_nothing(make_package) -> None:
    """The issue's example: the sample right, 0 printed elsewhere. `mean` gave it a quarter."""
    root = package(make_package, points=500)
    sample_only = {"2": 0, "large-1": 0, "large-2": 0}
    assert scored(load_problem(root), **sample_only).score == 125
    (root / "problem.yaml").write_text(
        (root / "problem.yaml").read_text() + "scoring: all-or-nothing\n"
    )
    assert scored(load_problem(root), **sample_only).score == 0


def test_groups_sum_min_and_all_or_nothing_groups(make_package) -> None:
    problem = load_problem(package(make_package, scoring="groups", groups=GROUPS))
    assert [(g.name, g.tests) for g in problem.groups] == [
        ("sample", ["1"]),
        ("main", ["2"]),
        ("large", ["large-1", "large-2"]),
    ]
    full = scored(problem)
    assert (full.verdict, full.score) == (Verdict.AC, 100)
    assert [(g.name, g.score, g.points, g.verdict) for g in full.groups] == [
        ("sample", 0, 0, Verdict.AC),
        ("main", 60, 60, Verdict.AC),
        ("large", 40, 40, Verdict.AC),
    ]
    partial = scored(problem, **{"2": 0.5, "large-1": 0.9})
    assert (partial.verdict, partial.score) == (Verdict.WA, 30)
    assert [g.score for g in partial.groups] == [0, 30, 0]
    assert partial.groups[2].tests == ["large-1", "large-2"]


def test_min_rule_takes_the_worst_test_of_the_group(make_package) -> None:
    groups = [{"name": "all", "points": 100, "tests": ["*"]}]
    problem = load_problem(package(make_package, scoring="groups", groups=groups))
    report = scored(problem, **{"2": 0.8, "large-1": 0.4})
    assert report.score == 40 and report.groups[0].verdict is Verdict.WA


def test_a_sample_in_a_zero_point_group_is_worth_nothing(make_package) -> None:
    problem = load_problem(package(make_package, scoring="groups", groups=GROUPS))
    sample_only = scored(problem, **{"2": 0, "large-1": 0, "large-2": 0})
    assert (sample_only.verdict, sample_only.score) == (Verdict.WA, 0)
    # ...and failing only the sample costs no points, but the verdict is not AC.
    no_sample = scored(problem, **{"1": 0})
    assert (no_sample.verdict, no_sample.score) == (Verdict.WA, 100)


def test_a_group_verdict_is_its_first_failure_and_ie_wins(make_package) -> None:
    problem = load_problem(package(make_package, scoring="groups", groups=GROUPS))
    tests = [case("1"), case("2", Verdict.TLE), case("large-1", Verdict.IE), case("large-2")]
    report = score_report(problem, tests)
    assert [g.verdict for g in report.groups] == [Verdict.AC, Verdict.TLE, Verdict.IE]
    assert report.verdict is Verdict.IE and report.score == 0


def test_private_groups_are_left_out_of_the_public_part(make_package) -> None:
    groups = [dict(g) for g in GROUPS]
    groups[2]["private"] = True
    reveal = datetime(2026, 7, 31, 23, 59, tzinfo=UTC)
    root = package(make_package, scoring="groups", groups=groups, reveal_private_at=reveal)
    problem = load_problem(root)
    assert problem.spec.reveal_private_at == reveal
    assert problem.private_tests == {"large-1", "large-2"}
    report = scored(problem, **{"large-1": 0})
    assert (report.score, report.verdict) == (60, Verdict.WA)
    assert public_part(report) == (60, Verdict.AC)
    assert public_part(scored(problem, **{"2": 0})) == (0, Verdict.WA)


def test_without_private_groups_the_public_part_is_everything(make_package) -> None:
    problem = load_problem(package(make_package, scoring="groups", groups=GROUPS))
    report = scored(problem, **{"2": 0.5})
    assert public_part(report) == (report.score, report.verdict)


# --- loader errors -----------------------------------------------------------------------------


def test_unknown_scoring_rule(make_package) -> None:
    assert_error(package(make_package, scoring="sum"), "scoring", "'mean', 'all-or-nothing'")


def test_groups_are_required_with_scoring_groups(make_package) -> None:
    assert_error(package(make_package, scoring="groups"), "groups", "required")


def test_groups_without_scoring_groups(make_package) -> None:
    assert_error(package(make_package, groups=GROUPS), "groups", "scoring is not 'groups'")


def test_a_name_matching_no_test(make_package) -> None:
    groups = [dict(g) for g in GROUPS]
    groups[1] = {"name": "main", "points": 60, "tests": [2, 7]}
    root = package(make_package, scoring="groups", groups=groups)
    assert_error(root, "groups.1.tests.1", "no test named '7'")


def test_a_pattern_matching_no_test(make_package) -> None:
    groups = [dict(g) for g in GROUPS]
    groups[2] = {**groups[2], "tests": ["large-*", "huge-*"]}
    root = package(make_package, scoring="groups", groups=groups)
    assert_error(root, "groups.2.tests.1", "pattern 'huge-*' matches no test")


def test_a_test_in_two_groups(make_package) -> None:
    groups = [dict(g) for g in GROUPS]
    groups[2] = {**groups[2], "tests": ["large-*", "2"]}
    root = package(make_package, scoring="groups", groups=groups)
    assert_error(root, "groups.2.tests.1", "test '2' is already in group 'main'")


def test_a_test_in_no_group(make_package) -> None:
    groups = [{**GROUPS[1], "points": 60}, GROUPS[2]]
    root = package(make_package, scoring="groups", groups=groups)
    assert_error(root, "groups", "test '1' is in no group")


def test_points_must_sum_to_the_problems_points(make_package) -> None:
    root = package(make_package, scoring="groups", groups=GROUPS, points=120)
    assert_error(root, "groups", "sum to 100, but points is 120")


def test_group_names_are_unique(make_package) -> None:
    groups = [dict(g) for g in GROUPS]
    groups[2] = {**groups[2], "name": "main"}
    assert_error(package(make_package, scoring="groups", groups=groups), "groups.2.name", "'main'")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Main"}, "groups.1.name"),
        ({"points": -1}, "groups.1.points"),
        ({"tests": []}, "groups.1.tests"),
        ({"rule": "max"}, "groups.1.rule"),
        ({"weight": 2}, "groups.1.weight"),
    ],
)
def test_bad_group_fields_are_named(make_package, change, field: str) -> None:
    groups = [dict(g) for g in GROUPS]
    groups[1] = {**groups[1], **change}
    error = load_error(package(make_package, scoring="groups", groups=groups))
    assert error.field == field, str(error)


def test_a_private_group_needs_reveal_private_at(make_package) -> None:
    groups = [dict(g) for g in GROUPS]
    groups[2]["private"] = True
    root = package(make_package, scoring="groups", groups=groups)
    assert_error(root, "reveal_private_at", "required when a group is private (large)")


def test_reveal_private_at_needs_a_timezone(make_package) -> None:
    groups = [dict(g) for g in GROUPS]
    groups[2]["private"] = True
    root = package(make_package, scoring="groups", groups=groups)
    text = (root / "problem.yaml").read_text() + "reveal_private_at: 2026-07-31T23:59:00\n"
    (root / "problem.yaml").write_text(text)
    assert_error(root, "reveal_private_at", "timezone")


def test_reveal_private_at_without_a_private_group(make_package) -> None:
    reveal = "2026-07-31T23:59:00+09:00"
    root = package(make_package, scoring="groups", groups=GROUPS, reveal_private_at=reveal)
    assert_error(root, "reveal_private_at", "only with private groups")


def test_yaml_as_authors_write_it(make_package) -> None:
    root = package(make_package)
    text = (root / "problem.yaml").read_text() + yaml.safe_dump(
        {"scoring": "groups", "groups": GROUPS}, sort_keys=False
    )
    (root / "problem.yaml").write_text(text)
    assert [g.rule for g in load_problem(root).groups] == ["min", "min", "all-or-nothing"]


# --- mljudge judge's table ---------------------------------------------------------------------


def test_the_cli_table_shows_each_group(make_package, capsys) -> None:
    from judge.cli import _print_table

    groups = [dict(g) for g in GROUPS]
    groups[2]["private"] = True
    root = package(
        make_package,
        scoring="groups",
        groups=groups,
        reveal_private_at="2026-07-31T23:59:00+09:00",
    )
    _print_table(scored(load_problem(root), **{"2": 0.5}))
    out = capsys.readouterr().out
    assert "group" in out and "rule" in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert lines["main"].split()[1:6] == ["min", "WA", "30", "/", "60"]
    assert "large (private)" in out and "40 / 40  large-1 large-2" in out
    assert out.rstrip().endswith("demo: WA, 70 / 100 points")
