"""Standings: per user, the best score on each problem, summed; per team, its members' sums.

Ranking (as in AtCoder): a higher total first; at equal totals, the earlier time at which the user
(or team) reached that total (their last improvement) first; those equal on both share a rank,
and the next rank skips accordingly (1, 1, 3).

Both can be limited to one section: then only its problems count.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.leaderboard.schemas import Standing, TeamStanding
from app.problems.models import ProblemRecord
from app.problems.schedule import Visibility
from app.submissions import visibility
from app.submissions.models import Status, Submission
from judge.verdict import Verdict


@dataclass
class _Best:
    """One user's best score on one problem, when they first reached it, whether it was AC."""

    user_id: int
    problem_id: str
    score: float
    first_at: datetime
    accepted: bool


def _bests(session: Session, viewer: User | None, section: int | None) -> list[_Best]:
    hidden = visibility.hidden_until(session, viewer)
    score, verdict = visibility.shown_score(hidden), visibility.shown_verdict(hidden)
    best_query = (
        select(Submission.user_id, Submission.problem_id, func.max(score).label("best"))
        .where(Submission.status == Status.DONE)
        .group_by(Submission.user_id, Submission.problem_id)
    )
    if section is not None:
        best_query = best_query.join(
            ProblemRecord, ProblemRecord.id == Submission.problem_id
        ).where(ProblemRecord.section == section)
    best = best_query.subquery()
    # When each best was first reached: the earliest submission scoring it.
    rows = session.execute(
        select(
            best.c.user_id,
            best.c.problem_id,
            best.c.best,
            func.min(Submission.created_at),
            func.max(case((verdict == Verdict.AC, 1), else_=0)),
        )
        .join(
            Submission,
            (Submission.user_id == best.c.user_id)
            & (Submission.problem_id == best.c.problem_id)
            & (score == best.c.best),
        )
        .where(Submission.status == Status.DONE)
        .group_by(best.c.user_id, best.c.problem_id, best.c.best)
    ).all()
    return [_Best(u, p, s, at, bool(ac)) for u, p, s, at, ac in rows]


@dataclass
class _Tally:
    score: float = 0.0
    solved: set[str] | None = None
    last: datetime | None = None

    def add(self, best: _Best) -> None:
        self.score += best.score
        if self.solved is None:
            self.solved = set()
        if best.accepted:
            self.solved.add(best.problem_id)
        if best.score > 0:
            self.last = best.first_at if self.last is None else max(self.last, best.first_at)


K = TypeVar("K", bound=Hashable)


def _ranked(tallies: dict[K, _Tally], names: dict[K, str]) -> list[tuple[int, K]]:
    def key(entry: K) -> tuple[float, float]:
        moment = tallies[entry].last
        return (-round(tallies[entry].score, 6), moment.timestamp() if moment else 0.0)

    ordered = sorted(tallies, key=lambda e: (key(e), names[e]))
    ranks: list[tuple[int, K]] = []
    for index, entry in enumerate(ordered):
        shares = ranks and key(ordered[index - 1]) == key(entry)
        ranks.append((ranks[-1][0] if shares else index + 1, entry))
    return ranks


def standings(
    session: Session, viewer: User | None = None, section: int | None = None
) -> list[Standing]:
    """As `viewer` may see it: before a reveal, private groups count for admins only."""
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for best in _bests(session, viewer, section):
        tallies[best.user_id].add(best)
    users = {
        user_id: (name, team)
        for user_id, name, team in session.execute(
            select(User.id, User.username, User.team).where(User.id.in_(tallies))
        )
    }
    return [
        Standing(
            rank=rank,
            username=users[user_id][0],
            team=users[user_id][1],
            score=round(tallies[user_id].score, 6),
            solved=len(tallies[user_id].solved or ()),
            last_improvement=tallies[user_id].last,
        )
        for rank, user_id in _ranked(tallies, {u: name for u, (name, _t) in users.items()})
    ]


def team_standings(
    session: Session, viewer: User | None = None, section: int | None = None
) -> list[TeamStanding]:
    """Teams (set by admins) with a judged member: the sum of each member's best score on each
    problem, as the lecture's earlier judge counted; users without a team are left out."""
    members = {
        user_id: team
        for user_id, team in session.execute(
            select(User.id, User.team).where(User.team.is_not(None))
        )
        if team is not None  # never, by the query; says so to the type checker
    }
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for best in _bests(session, viewer, section):
        if best.user_id in members:
            tallies[members[best.user_id]].add(best)
    names: dict[str, list[str]] = defaultdict(list)
    for team, username in session.execute(
        select(User.team, User.username).where(User.team.in_(tallies)).order_by(User.username)
    ):
        if team is not None:  # in tallies, so never None
            names[team].append(username)
    return [
        TeamStanding(
            rank=rank,
            team=team,
            score=round(tallies[team].score, 6),
            solved=len(tallies[team].solved or ()),
            members=names[team],
            last_improvement=tallies[team].last,
        )
        for rank, team in _ranked(tallies, {t: t for t in tallies})
    ]


def has_teams(session: Session) -> bool:
    return session.scalar(select(func.count(distinct(User.team)))) != 0


def sections_shown(session: Session, seen_by: Visibility) -> list[int]:
    """Sections with active problems that the viewer may see, for the per-section views."""
    numbers = session.scalars(
        select(ProblemRecord.section).where(ProblemRecord.active).distinct()
    ).all()
    return sorted(n for n in numbers if seen_by.is_open(n))
