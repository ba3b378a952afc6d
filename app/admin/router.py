"""The administrators' API. Each action is a call of app/admin/service.py (shared with the admin
pages), which also writes its audit entry."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Request, UploadFile, status

from app import errors
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
from app.auth.schemas import UsernamePath
from app.deps import AppOutbox, AppSettings, DbSession
from app.problems.schemas import ProblemIdPath, SyncReport
from app.submissions.schemas import SubmissionId

router = APIRouter(prefix="/api/admin", tags=["admin"], responses=errors.responses(401, 403))
_PROBLEM_LINKS = {
    "GetProblem": {"operationRef": "#/paths/~1api~1problems~1{problem_id}/get"},
    "RejudgeProblem": {
        "operationRef": "#/paths/~1api~1admin~1problems~1{problem_id}~1rejudge/post"
    },
}


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
@router.post(
    "/problems",
    status_code=status.HTTP_201_CREATED,
    response_model=UploadResult,
    responses={
        201: {
            "links": {
                name: {**link, "parameters": {"problem_id": "$response.body#/id"}}
                for name, link in _PROBLEM_LINKS.items()
            }
        },
        **errors.responses(400, 413, 422, 503),
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {"encoding": {"file": {"contentType": "application/zip"}}}
            }
        }
    },
)
def upload_problem(
    file: Annotated[UploadFile, File(description="a zip of one problem folder")],
    request: Request,
    session: DbSession,
    settings: AppSettings,
    admin: AdminUser,
) -> UploadResult:
    """A zip of one problem folder. It goes live only after its reference solution gets full
    marks and every `expect/` submission gets its verdict; otherwise 422 lists the reasons in
    `errors` (`detail` names the first). 413: larger than the upload limit; 503: the runner that
    judges the reference solution cannot start."""
    data = file.file.read(settings.max_upload_bytes + 1)
    return service.upload_problem(session, admin, data, settings, request.app.state.runners)


@router.get("/sections", response_model=SectionsOverview)
def get_sections(
    request: Request, session: DbSession, settings: AppSettings, _: AdminUser
) -> SectionsOverview:
    """Each section (from sections.yaml and the problems), and whether students see it now."""
    return sections.overview(session, settings.problems_dir, request.app.state.clock())


@router.put(
    "/current-section", response_model=CurrentSection, responses=errors.responses(400, 413, 422)
)
def put_current_section(
    body: CurrentSection, session: DbSession, admin: AdminUser
) -> CurrentSection:
    """Open every section up to `section` to students (null: only release times decide)."""
    return service.set_current_section(session, admin, body.section)


@router.post(
    "/submissions/{submission_id}/rejudge",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RejudgeResult,
    responses=errors.responses(404, 422),
)
def rejudge_submission(
    submission_id: SubmissionId,
    session: DbSession,
    settings: AppSettings,
    outbox: AppOutbox,
    admin: AdminUser,
) -> RejudgeResult:
    return service.rejudge_submission(session, admin, submission_id, settings, outbox)


@router.post(
    "/problems/{problem_id}/rejudge",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RejudgeResult,
    responses=errors.responses(404, 422),
)
def rejudge_problem(
    problem_id: ProblemIdPath,
    session: DbSession,
    settings: AppSettings,
    outbox: AppOutbox,
    admin: AdminUser,
) -> RejudgeResult:
    return service.rejudge_problem(session, admin, problem_id, settings, outbox)


@router.get("/users", response_model=UserPage, responses=errors.responses(422))
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


@router.put(
    "/users/{username}",
    response_model=AdminUserOut,
    responses=errors.responses(400, 404, 409, 413, 422),
)
def update_user(
    username: UsernamePath, body: UserUpdate, session: DbSession, admin: AdminUser
) -> AdminUserOut:
    """Set `team` (null or "" for none) and/or `is_admin`; fields left out stay as they are.
    409: an administrator cannot take away their own rights."""
    return AdminUserOut.model_validate(service.update_user(session, admin, username, body))


@router.get("/audit", response_model=AuditPage, responses=errors.responses(422))
def audit_log(
    session: DbSession,
    _: AdminUser,
    action: Annotated[
        str | None, Query(max_length=64, description="only this action, e.g. users.update")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> AuditPage:
    """Every administrator action that took effect, newest first."""
    entries, total = audit.list_page(session, limit=limit, offset=offset, action=action)
    items = [AuditEntryOut.model_validate(e) for e in entries]
    return AuditPage(items=items, total=total, limit=limit, offset=offset)
