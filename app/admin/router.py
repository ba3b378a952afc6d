"""The administrators' API. Each action is a call of app/admin/service.py (shared with the admin
pages), which also writes its audit entry."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, UploadFile, status

from app.admin import audit, sections, service
from app.admin.schemas import (
    AdminUserOut,
    AuditEntryOut,
    AuditPage,
    CurrentSection,
    ProblemState,
    RejudgeResult,
    SectionsOverview,
    UploadResult,
    UserPage,
    UserUpdate,
)
from app.auth.dependencies import AdminUser
from app.deps import AppOutbox, AppSettings, DbSession
from app.problems.schemas import SyncReport
from app.submissions.schemas import SubmissionId

router = APIRouter(prefix="/api/admin", tags=["admin"])


@router.get("/problems", response_model=list[ProblemState])
def list_problems(
    request: Request, session: DbSession, settings: AppSettings, _: AdminUser
) -> list[ProblemState]:
    """Every problem (gone ones with `active: false`), its version and whether students see it."""
    return service.problem_states(session, settings.problems_dir, request.app.state.clock())


@router.post("/problems/reload", response_model=SyncReport)
def reload_problems(session: DbSession, settings: AppSettings, admin: AdminUser) -> SyncReport:
    """Re-read `problems/`: new, changed (by hash) and removed packages, and those that fail."""
    return service.reload_problems(session, admin, settings.problems_dir)


# A plain `def`: validating the package judges it, which blocks (FastAPI runs it in a thread).
@router.post("/problems", status_code=status.HTTP_201_CREATED, response_model=UploadResult)
def upload_problem(
    file: UploadFile,
    request: Request,
    session: DbSession,
    settings: AppSettings,
    admin: AdminUser,
) -> UploadResult:
    """A zip of one problem folder. It goes live only after its reference solution gets full
    marks and every `expect/` submission gets its verdict; otherwise 422 lists the reasons."""
    data = file.file.read(settings.max_upload_bytes + 1)
    try:
        return service.upload_problem(session, admin, data, settings, request.app.state.runners)
    except service.UploadTooLarge as exc:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, str(exc)) from None
    except service.RunnerUnavailable as exc:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(exc)) from None
    except service.PackageRejected as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, exc.reasons) from None


@router.get("/sections", response_model=SectionsOverview)
def get_sections(
    request: Request, session: DbSession, settings: AppSettings, _: AdminUser
) -> SectionsOverview:
    """Each section (from sections.yaml and the problems), and whether students see it now."""
    return sections.overview(session, settings.problems_dir, request.app.state.clock())


@router.put("/current-section", response_model=CurrentSection)
def put_current_section(
    body: CurrentSection, session: DbSession, admin: AdminUser
) -> CurrentSection:
    """Open every section up to `section` to students (null: only release times decide)."""
    return service.set_current_section(session, admin, body.section)


@router.post(
    "/submissions/{submission_id}/rejudge",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RejudgeResult,
)
def rejudge_submission(
    submission_id: SubmissionId,
    session: DbSession,
    settings: AppSettings,
    outbox: AppOutbox,
    admin: AdminUser,
) -> RejudgeResult:
    try:
        return service.rejudge_submission(session, admin, submission_id, settings, outbox)
    except service.NotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None


@router.post(
    "/problems/{problem_id}/rejudge",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RejudgeResult,
)
def rejudge_problem(
    problem_id: str,
    session: DbSession,
    settings: AppSettings,
    outbox: AppOutbox,
    admin: AdminUser,
) -> RejudgeResult:
    try:
        return service.rejudge_problem(session, admin, problem_id, settings, outbox)
    except service.NotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None


@router.get("/users", response_model=UserPage)
def search_users(
    session: DbSession,
    _: AdminUser,
    q: Annotated[str, Query(max_length=32, description="part of the username, any case")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> UserPage:
    users, total = service.search_users(session, q, limit=limit, offset=offset)
    items = [AdminUserOut.model_validate(u) for u in users]
    return UserPage(items=items, total=total, limit=limit, offset=offset)


@router.put("/users/{username}", response_model=AdminUserOut)
def update_user(
    username: str, body: UserUpdate, session: DbSession, admin: AdminUser
) -> AdminUserOut:
    """Set `team` (null or "" for none) and/or `is_admin`; fields left out stay as they are."""
    try:
        return AdminUserOut.model_validate(service.update_user(session, admin, username, body))
    except service.NotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
    except service.Refused as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None


@router.get("/audit", response_model=AuditPage)
def audit_log(
    session: DbSession,
    _: AdminUser,
    action: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> AuditPage:
    """Every administrator action that took effect, newest first."""
    entries, total = audit.list_page(session, limit=limit, offset=offset, action=action)
    items = [AuditEntryOut.model_validate(e) for e in entries]
    return AuditPage(items=items, total=total, limit=limit, offset=offset)
