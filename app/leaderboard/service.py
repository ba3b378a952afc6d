"""Standings: per user, the best score on each problem, summed.

Ranking (as in AtCoder): a higher total first; at equal totals, the earlier time at which the user
reached that total (their last improvement) first; users equal on both share a rank, and the next
rank skips accordingly (1, 1, 3).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.leaderboard.schemas import Standing
from app.submissions import visibility
from app.submissions.models import Status, Submission
from judge.verdict import Verdict


def standings(session: Session, viewer: User | None = None) -> list[Standing]:
    """As `viewer` may see it: before a reveal, private groups count for admins only."""
    hidden = visibility.hidden_until(session, viewer)
    score, verdict = visibility.shown_score(hidden), visibility.shown_verdict(hidden)
    best = (
        select(
            Submission.user_id,
            Submission.problem_id,
            func.max(score).label("best"),
        )
        .where(Submission.status == Status.DONE)
        .group_by(Submission.user_id, Submission.problem_id)
        .subquery()
    )
    # When each best was first reached: the earliest submission scoring it.
    reached = session.execute(
        select(
            best.c.user_id,
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
    totals: dict[int, float] = defaultdict(float)
    solved: dict[int, int] = defaultdict(int)
    last: dict[int, datetime | None] = {}
    for user_id, score, first_at, accepted in reached:
        totals[user_id] += score
        solved[user_id] += int(bool(accepted))
        last.setdefault(user_id, None)
        if score > 0:
            previous = last[user_id]
            last[user_id] = first_at if previous is None else max(previous, first_at)
    names = dict(session.execute(select(User.id, User.username).where(User.id.in_(totals))).all())

    def key(user_id: int) -> tuple[float, float]:
        moment = last[user_id]
        return (-round(totals[user_id], 6), moment.timestamp() if moment else 0.0)

    ordered = sorted(totals, key=lambda u: (key(u), names[u]))
    table: list[Standing] = []
    for index, user_id in enumerate(ordered):
        shares = table and key(ordered[index - 1]) == key(user_id)
        table.append(
            Standing(
                rank=table[-1].rank if shares else index + 1,
                username=names[user_id],
                score=round(totals[user_id], 6),
                solved=solved[user_id],
                last_improvement=last[user_id],
            )
        )
    return table
