"""The audit log: who did what, when, with the details as JSON. Written only by the admin service
(app/admin/service.py), the one code path of every administrator action, API and pages alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.admin.models import AuditEntry
from app.auth.models import User
from app.db import utcnow

# What app/admin/service.py writes, for the audit page's filter.
ACTIONS = (
    "problems.upload",
    "problems.reload",
    "problems.rejudge",
    "submissions.rejudge",
    "sections.current",
    "users.update",
)


def record(session: Session, actor: User, action: str, details: dict[str, Any]) -> AuditEntry:
    entry = AuditEntry(
        created_at=utcnow(),
        user_id=actor.id,
        username=actor.username,
        action=action,
        details=details,
    )
    session.add(entry)
    session.flush()
    return entry


def list_page(
    session: Session, *, limit: int, offset: int, action: str | None = None
) -> tuple[list[AuditEntry], int]:
    """Newest first."""
    conditions = [AuditEntry.action == action] if action else []
    total = session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions)) or 0
    rows = session.scalars(
        select(AuditEntry)
        .where(*conditions)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows), total
