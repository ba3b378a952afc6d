"""Private groups (Kaggle style): until a problem's `reveal_private_at`, students see only the
public part of its scores (the `public_score` and `public_verdict` columns); admins see all.

Everything that shows a score to someone goes through here: the submission and its listings,
the leaderboard, and "my best score" on the problem list.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import SQLColumnExpression, case, select
from sqlalchemy.orm import Session

from app.auth.models import User
from app.db import utcnow
from app.problems.models import ProblemRecord
from app.submissions.models import Submission
from judge.verdict import Verdict


def hidden_until(session: Session, viewer: User | None) -> dict[str, datetime]:
    """The problems whose private groups `viewer` may not see yet, with when they will."""
    if viewer is not None and viewer.is_admin:
        return {}
    now = utcnow()
    rows = session.execute(
        select(ProblemRecord.id, ProblemRecord.reveal_private_at).where(
            ProblemRecord.reveal_private_at.is_not(None)
        )
    )
    # Compared here rather than in SQL: SQLite keeps datetimes as text.
    return {problem_id: at for problem_id, at in rows if at is not None and at > now}


def shown_score(hidden: Collection[str]) -> SQLColumnExpression[float | None]:
    """Submission.score, or its public part on the problems in `hidden`."""
    if not hidden:
        return Submission.score
    return case(
        (Submission.problem_id.in_(hidden), Submission.public_score), else_=Submission.score
    )


def shown_verdict(hidden: Collection[str]) -> SQLColumnExpression[Verdict | None]:
    if not hidden:
        return Submission.verdict
    return case(
        (Submission.problem_id.in_(hidden), Submission.public_verdict), else_=Submission.verdict
    )
