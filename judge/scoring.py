"""How a problem's score is made from its tests' scores (`scoring:` in problem.yaml).

* `mean`: points × mean test score (partial credit per test).
* `all-or-nothing`: full points when every test is AC, else 0.
* `groups`: per group `points × min test score` (rule `min`) or all-or-nothing; summed.

The verdict is the same under every rule (`overall_verdict`): AC only when every test is AC.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from judge.verdict import CaseResult, GroupResult, JudgeReport, Verdict, overall_verdict, summarize

if TYPE_CHECKING:
    from judge.problemset import Problem, TestGroup


def _group_result(group: TestGroup, cases: dict[str, CaseResult]) -> GroupResult:
    members = [cases[name] for name in group.tests if name in cases]
    if len(members) != len(group.tests):  # a test did not run: the group cannot be trusted
        verdict, fraction = Verdict.IE, 0.0
    elif group.rule == "all-or-nothing":
        verdict = overall_verdict(members)
        fraction = 1.0 if verdict is Verdict.AC else 0.0
    else:
        verdict, fraction = overall_verdict(members), min(c.score for c in members)
    return GroupResult(
        name=group.name,
        points=group.points,
        score=round(group.points * fraction, 6),
        verdict=verdict,
        rule=group.rule,
        private=group.private,
        tests=list(group.tests),
    )


def score_report(problem: Problem, cases: list[CaseResult]) -> JudgeReport:
    """The report of `cases` (every test of `problem`, in order) under the problem's rule."""
    report = summarize(problem.id, problem.spec.points, cases)
    rule = problem.spec.scoring
    if rule == "all-or-nothing":
        full = report.verdict is Verdict.AC and len(cases) == len(problem.tests)
        return report.model_copy(update={"score": report.max_score if full else 0.0})
    if rule == "groups":
        by_name = {c.name: c for c in cases}
        groups = [_group_result(g, by_name) for g in problem.groups]
        score = round(sum(g.score for g in groups), 6)
        return report.model_copy(update={"score": score, "groups": groups})
    return report


def public_part(report: JudgeReport) -> tuple[float, Verdict]:
    """Score and verdict over the groups that are not private: what students see before the
    private groups are revealed. Without private groups it is the whole result."""
    private = {name for g in report.groups if g.private for name in g.tests}
    if not private:
        return report.score, report.verdict
    score = round(sum(g.score for g in report.groups if not g.private), 6)
    return score, overall_verdict([c for c in report.tests if c.name not in private])
