"""Every model, imported in one place so Alembic and create_all see the whole schema."""

from app.admin.models import AuditEntry
from app.auth.models import ApiToken, ThrottleEvent, User
from app.db import Base
from app.problems.models import ProblemRecord, ProblemVersion, SiteSetting
from app.submissions.models import CaseResultRecord, Status, Submission

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Base",
    "CaseResultRecord",
    "ProblemRecord",
    "ProblemVersion",
    "SiteSetting",
    "Status",
    "Submission",
    "ThrottleEvent",
    "User",
]
