from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, UploadFile, status
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from app.admin import packages, sections
from app.admin.schemas import CurrentSection, RejudgeResult, SectionsOverview, UploadResult
from app.auth.dependencies import AdminUser
from app.deps import AppDispatcher, AppSettings, DbSession
from app.problems import schedule
from app.problems import service as problems
from app.problems.schemas import SyncReport
from app.submissions import service as submissions
from app.submissions.models import Submission
from app.submissions.schemas import SubmissionId

router = APIRouter(prefix="/api/admin", tags=["admin"])


@router.post("/problems/reload", response_model=SyncReport)
def reload_problems(session: DbSession, settings: AppSettings, _: AdminUser) -> SyncReport:
    """Re-read `problems/`: new, changed (by hash) and removed packages, and those that fail."""
    return problems.sync(session, settings.problems_dir)


@router.post("/problems", status_code=status.HTTP_201_CREATED, response_model=UploadResult)
async def upload_problem(
    file: UploadFile,
    request: Request,
    session: DbSession,
    settings: AppSettings,
    _: AdminUser,
) -> UploadResult:
    """A zip of one problem folder. It goes live only after its reference solution gets full
    marks and every `expect/` submission gets its verdict; otherwise 422 lists the reasons."""
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"the zip is larger than {settings.max_upload_bytes // 2**20} MiB",
        )
    try:
        runner = await run_in_threadpool(request.app.state.runners.get)
    except Exception as exc:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE, f"cannot judge the reference solution: {exc}"
        ) from None
    try:
        problem, replaced = await run_in_threadpool(
            packages.install, data, settings.problems_dir, runner
        )
    except packages.PackageRejected as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, exc.reasons) from None
    await run_in_threadpool(problems.upsert, session, problem)
    return UploadResult(id=problem.id, version=problem.version, replaced=replaced)


@router.get("/sections", response_model=SectionsOverview)
def get_sections(
    request: Request, session: DbSession, settings: AppSettings, _: AdminUser
) -> SectionsOverview:
    """Each section (from sections.yaml and the problems), and whether students see it now."""
    return sections.overview(session, settings.problems_dir, request.app.state.clock())


@router.put("/current-section", response_model=CurrentSection)
def put_current_section(body: CurrentSection, session: DbSession, _: AdminUser) -> CurrentSection:
    """Open every section up to `section` to students (null: only release times decide)."""
    schedule.set_current_section(session, body.section)
    return CurrentSection(section=body.section)


@router.post(
    "/submissions/{submission_id}/rejudge",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RejudgeResult,
)
def rejudge_submission(
    submission_id: SubmissionId,
    session: DbSession,
    settings: AppSettings,
    dispatcher: AppDispatcher,
    _: AdminUser,
) -> RejudgeResult:
    submission = session.get(Submission, submission_id)
    if submission is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no submission {submission_id}")
    submissions.requeue(session, submission, settings.lease_s)
    submissions.enqueue_after_commit(session, dispatcher, submission.id)
    return RejudgeResult(requeued=[submission.id])


@router.post(
    "/problems/{problem_id}/rejudge",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=RejudgeResult,
)
def rejudge_problem(
    problem_id: str,
    session: DbSession,
    settings: AppSettings,
    dispatcher: AppDispatcher,
    _: AdminUser,
) -> RejudgeResult:
    if problems.get_active(session, problem_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no problem {problem_id!r}")
    chosen = session.scalars(
        select(Submission).where(Submission.problem_id == problem_id).order_by(Submission.id)
    ).all()
    for submission in chosen:
        submissions.requeue(session, submission, settings.lease_s)
        submissions.enqueue_after_commit(session, dispatcher, submission.id)
    return RejudgeResult(requeued=[s.id for s in chosen])
