"""The problem list, one problem's statement, and submitting a solution to it."""

from __future__ import annotations

from itertools import groupby
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile, status
from fastapi.responses import RedirectResponse, Response

from app.deps import AppSettings, AppWriter, DbSession
from app.problems import schedule, versions
from app.problems import service as problems
from app.problems.files import public_files
from app.problems.models import ProblemRecord
from app.settings import Settings
from app.submissions import service as submissions
from app.submissions.models import Submission
from app.submissions.schemas import SubmissionListItem
from app.submissions.writer import RateLimited
from app.web import i18n
from app.web.rendering import error_page, render
from app.web.session import CSRF_FIELD, EXPIRED_FORM, CurrentVisitor, Visitor
from app.web.statement import render_statement

router = APIRouter(include_in_schema=False)

RECENT_SUBMISSIONS = 10


@router.get("/")
def problem_list(
    request: Request, visitor: CurrentVisitor, settings: AppSettings, session: DbSession
) -> Response:
    seen_by = schedule.for_request(request, session, visitor.user)
    listed = problems.list_problems(session, visitor.user, seen_by)  # ordered by section already
    titles = seen_by.schedule.sections if seen_by.schedule is not None else {}
    sections = [
        (section, titles.get(section), list(items))
        for section, items in groupby(listed, lambda p: p.section)
    ]
    return render(request, visitor, settings, "problems.html", {"sections": sections})


def _problem_page(
    request: Request,
    visitor: Visitor,
    settings: Settings,
    session: DbSession,
    record: ProblemRecord,
    *,
    code: str = "",
    loaded_from: int | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    # The statement follows the page's language; as in the API, without a statement in that
    # language the page shows the one there is, and says so.
    lang = i18n.choose(request)
    served, statement = problems.statement_in(record, lang)
    recent: list[SubmissionListItem] = []
    if visitor.user is not None:
        recent, _total = submissions.list_page(
            session,
            user_id=visitor.user.id,
            problem_id=record.id,
            limit=RECENT_SUBMISSIONS,
            offset=0,
            viewer=visitor.user,
        )
    context = {
        "problem": record,
        "title": record.title_ja if served == "ja" and record.title_ja else record.title,
        "statement_lang": served,
        "statement_html": render_statement(statement, record.id),
        "public_files": public_files(
            versions.current_folder(session, request.app.state.versions, record), record.id
        ),
        "code": code,
        "loaded_from": loaded_from,
        "error": error,
        "recent": recent,
    }
    return render(request, visitor, settings, "problem.html", context, status_code)


@router.get("/problems/{problem_id}")
def problem_page(
    problem_id: str,
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    # Text, not int: a mangled link is ignored like a foreign one rather than answered with 422.
    from_submission: Annotated[str | None, Query(alias="from", max_length=12)] = None,
) -> Response:
    seen_by = schedule.for_request(request, session, visitor.user)
    record = schedule.visible_problem(session, problem_id, seen_by)
    if record is None:
        return _no_such_problem(request, visitor, settings, problem_id)
    earlier = _earlier_submission(session, visitor, problem_id, from_submission)
    if earlier is None:
        return _problem_page(request, visitor, settings, session, record)
    return _problem_page(
        request, visitor, settings, session, record, code=earlier.code, loaded_from=earlier.id
    )


def _no_such_problem(
    request: Request, visitor: Visitor, settings: Settings, problem_id: str
) -> Response:
    _ = i18n.gettext_for(request)
    return error_page(
        request, visitor, settings, 404, _("There is no problem %(id)r.") % {"id": problem_id}
    )


def _earlier_submission(
    session: DbSession, visitor: Visitor, problem_id: str, submission_id: str | None
) -> Submission | None:
    """The submission of `?from=<id>` ("submit again"), for its owner or an admin and only for
    this problem; anything else is ignored, as if the parameter were not there (the page must
    not tell a stranger whether a submission exists)."""
    if (
        visitor.user is None
        or not submission_id
        or not (submission_id.isascii() and submission_id.isdigit())
    ):
        return None
    if not 1 <= int(submission_id) < 2**31:
        return None
    submission = session.get(Submission, int(submission_id))
    if submission is None or submission.problem_id != problem_id:
        return None
    return submission if submissions.can_read(visitor.user, submission) else None


def _uploaded_code(upload: UploadFile | None) -> str | None:
    """The uploaded file's text, "" when no file was chosen; None when it is not UTF-8 text
    (a NUL byte counts as binary: PostgreSQL cannot store it, and no solution needs one)."""
    if upload is None or not upload.filename:
        return ""
    data = upload.file.read()  # this runs in a worker thread, so a blocking read is fine
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


@router.post("/problems/{problem_id}/submit")
def submit(
    problem_id: str,
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    writer: AppWriter,
    code: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
    csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    seen_by = schedule.for_request(request, session, visitor.user)
    record = schedule.visible_problem(session, problem_id, seen_by)
    if record is None:
        return _no_such_problem(request, visitor, settings, problem_id)
    if visitor.user is None:
        target = f"/login?next=/problems/{problem_id}"
        return RedirectResponse(target, status.HTTP_303_SEE_OTHER)

    def again(message: str, status_code: int, shown_code: str = code) -> Response:
        return _problem_page(
            request,
            visitor,
            settings,
            session,
            record,
            code=shown_code,
            error=message,
            status_code=status_code,
        )

    _ = i18n.gettext_for(request)
    if not visitor.csrf_ok(settings, csrf_token):
        return again(_(EXPIRED_FORM), status.HTTP_403_FORBIDDEN)
    uploaded = _uploaded_code(file)
    if uploaded is None:
        message = _("The uploaded file is not UTF-8 text.")
        return again(message, status.HTTP_422_UNPROCESSABLE_CONTENT)
    source = uploaded or code
    if not source.strip():
        message = _("Write your solution in the box or choose a file.")
        return again(message, status.HTTP_422_UNPROCESSABLE_CONTENT, source)
    try:
        submission = submissions.create(
            session, visitor.user, problem_id, source, settings, writer, seen_by
        )
    except submissions.CodeTooLarge:
        message = _("The code is larger than %(size)d KiB.") % {
            "size": settings.max_code_bytes // 1024
        }
        return again(message, status.HTTP_413_CONTENT_TOO_LARGE, source)
    except RateLimited as exc:
        message = _("At most %(count)d submissions per %(window)d s: try again in %(retry)d s.") % {
            "count": settings.submission_rate_count,
            "window": settings.submission_rate_window_s,
            "retry": exc.retry_after_s,
        }
        response = again(message, status.HTTP_429_TOO_MANY_REQUESTS, source)
        response.headers["Retry-After"] = str(exc.retry_after_s)
        return response
    return RedirectResponse(f"/submissions/{submission.id}", status.HTTP_303_SEE_OTHER)
