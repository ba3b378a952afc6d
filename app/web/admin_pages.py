"""The administrators' pages: the admin API's actions as forms, through the same service
(app/admin/service.py), so every action writes the same audit entry as over the API.

Anonymous visitors are sent to log in; signed-in students get a 403 page. Every form carries the
CSRF token of app/web/session.py; a form without a valid one changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query, Request, UploadFile, status
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError

from app.admin import audit, sections, service
from app.admin.schemas import UserUpdate
from app.deps import AppOutbox, AppSettings, DbSession
from app.problems.schemas import SyncReport
from app.settings import Settings
from app.submissions import service as submissions
from app.submissions.schemas import SubmissionListItem
from app.web import i18n
from app.web.auth_pages import safe_next
from app.web.rendering import error_page, render
from app.web.session import CSRF_FIELD, EXPIRED_FORM, CurrentVisitor, Visitor
from judge.verdict import Verdict

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
CsrfField = Annotated[str, Form(alias=CSRF_FIELD)]


def _refused(request: Request, visitor: Visitor, settings: Settings) -> Response | None:
    """The answer for anyone but an administrator, or None for an administrator."""
    _ = i18n.gettext_for(request)
    if visitor.user is None:
        return RedirectResponse(f"/login?next={request.url.path}", status.HTTP_303_SEE_OTHER)
    if not visitor.user.is_admin:
        return error_page(request, visitor, settings, 403, _("This page is for administrators."))
    return None


def _pages(total: int, page: int, query: dict[str, Any]) -> dict[str, Any]:
    """Pager links that keep the page's filters."""
    pages = max(1, -(-total // PAGE_SIZE))

    def url(number: int) -> str:
        kept = {k: v for k, v in query.items() if v not in (None, "")}
        return "?" + urlencode({**kept, "page": number})

    return {
        "page": page,
        "pages": pages,
        "prev_url": url(page - 1) if page > 1 else None,
        "next_url": url(page + 1) if page < pages else None,
    }


# Problems and sections


def _problems_page(
    request: Request,
    visitor: Visitor,
    settings: Settings,
    session: DbSession,
    status_code: int = 200,
    **outcome: Any,
) -> Response:
    now = request.app.state.clock()
    context = {
        "problems": service.problem_states(session, settings.problems_dir, now),
        "overview": sections.overview(session, settings.problems_dir, now),
        "max_upload_mib": settings.max_upload_bytes // 2**20,
        **outcome,
    }
    return render(request, visitor, settings, "admin/problems.html", context, status_code)


@router.get("/admin")
async def admin_home() -> Response:
    return RedirectResponse("/admin/problems", status.HTTP_303_SEE_OTHER)


@router.get("/admin/problems")
def problems_page(
    request: Request, visitor: CurrentVisitor, settings: AppSettings, session: DbSession
) -> Response:
    return _refused(request, visitor, settings) or _problems_page(
        request, visitor, settings, session
    )


# A plain `def`: validating the package judges it, which blocks (FastAPI runs it in a thread).
@router.post("/admin/problems/upload")
def upload_problem(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    file: Annotated[UploadFile | None, File()] = None,
    csrf_token: CsrfField = "",
) -> Response:
    _ = i18n.gettext_for(request)
    if refusal := _refused(request, visitor, settings):
        return refusal
    assert visitor.user is not None

    def failed(reasons: list[str], status_code: int) -> Response:
        return _problems_page(
            request, visitor, settings, session, status_code, upload_errors=reasons
        )

    if not visitor.csrf_ok(settings, csrf_token):
        return failed([_(EXPIRED_FORM)], status.HTTP_403_FORBIDDEN)
    if file is None or not file.filename:
        return failed([_("Choose a zip file.")], status.HTTP_422_UNPROCESSABLE_CONTENT)
    data = file.file.read(settings.max_upload_bytes + 1)
    try:
        result = service.upload_problem(
            session, visitor.user, data, settings, request.app.state.runners
        )
    except service.UploadTooLarge as exc:
        return failed([str(exc)], status.HTTP_413_CONTENT_TOO_LARGE)
    except service.RunnerUnavailable as exc:
        return failed([str(exc)], status.HTTP_503_SERVICE_UNAVAILABLE)
    except service.PackageRejected as exc:
        return _problems_page(
            request,
            visitor,
            settings,
            session,
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            upload_errors=exc.reasons,
            upload_warnings=exc.warnings,
            reference=exc.reference,
        )
    return _problems_page(
        request,
        visitor,
        settings,
        session,
        uploaded=result,
        upload_warnings=result.warnings,
        reference=result.reference,
    )


@router.post("/admin/problems/reload")
def reload_problems(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    csrf_token: CsrfField = "",
) -> Response:
    _ = i18n.gettext_for(request)
    if refusal := _refused(request, visitor, settings):
        return refusal
    assert visitor.user is not None
    if not visitor.csrf_ok(settings, csrf_token):
        return _problems_page(
            request, visitor, settings, session, status.HTTP_403_FORBIDDEN, error=_(EXPIRED_FORM)
        )
    report: SyncReport = service.reload_problems(session, visitor.user, settings.problems_dir)
    return _problems_page(request, visitor, settings, session, reloaded=report)


@router.post("/admin/problems/{problem_id}/rejudge")
def rejudge_problem(
    problem_id: str,
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    outbox: AppOutbox,
    csrf_token: CsrfField = "",
) -> Response:
    _ = i18n.gettext_for(request)
    if refusal := _refused(request, visitor, settings):
        return refusal
    assert visitor.user is not None
    if not visitor.csrf_ok(settings, csrf_token):
        return _problems_page(
            request, visitor, settings, session, status.HTTP_403_FORBIDDEN, error=_(EXPIRED_FORM)
        )
    try:
        result = service.rejudge_problem(session, visitor.user, problem_id, settings, outbox)
    except service.NotFound:
        message = _("There is no problem %(id)r.") % {"id": problem_id}
        return _problems_page(request, visitor, settings, session, 404, error=message)
    return _problems_page(
        request,
        visitor,
        settings,
        session,
        rejudged={"problem_id": problem_id, "count": len(result.requeued)},
    )


@router.post("/admin/current-section")
def set_current_section(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    section: Annotated[str, Form()] = "",
    csrf_token: CsrfField = "",
) -> Response:
    """`section` empty (the "Clear" button) unsets it; else 0 to 7."""
    _ = i18n.gettext_for(request)
    if refusal := _refused(request, visitor, settings):
        return refusal
    assert visitor.user is not None
    if not visitor.csrf_ok(settings, csrf_token):
        return _problems_page(
            request, visitor, settings, session, status.HTTP_403_FORBIDDEN, error=_(EXPIRED_FORM)
        )
    number = int(section) if section.isdigit() else None
    if section and (number is None or not 0 <= number <= 7):
        message = _("The current section is a number from 0 to 7.")
        return _problems_page(request, visitor, settings, session, 422, error=message)
    service.set_current_section(session, visitor.user, number)
    return _problems_page(request, visitor, settings, session, section_set={"section": number})


# Users


def _users_page(
    request: Request,
    visitor: Visitor,
    settings: Settings,
    session: DbSession,
    q: str,
    page: int,
    status_code: int = 200,
    **outcome: Any,
) -> Response:
    users, total = service.search_users(session, q, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    context = {"users": users, "total": total, "q": q, **_pages(total, page, {"q": q}), **outcome}
    return render(request, visitor, settings, "admin/users.html", context, status_code)


@router.get("/admin/users")
def users_page(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    q: Annotated[str, Query(max_length=32)] = "",
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
) -> Response:
    return _refused(request, visitor, settings) or _users_page(
        request, visitor, settings, session, q.strip(), page
    )


@router.post("/admin/users/{username}")
def update_user(
    username: str,
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    team: Annotated[str, Form(max_length=200)] = "",
    is_admin: Annotated[str, Form()] = "",
    q: Annotated[str, Form(max_length=32)] = "",
    page: Annotated[int, Form(ge=1, le=10**6)] = 1,
    csrf_token: CsrfField = "",
) -> Response:
    """One row's form: the team (empty for none) and the admin checkbox, both set as shown."""
    _ = i18n.gettext_for(request)
    if refusal := _refused(request, visitor, settings):
        return refusal
    assert visitor.user is not None

    def again(status_code: int, **outcome: Any) -> Response:
        return _users_page(request, visitor, settings, session, q, page, status_code, **outcome)

    if not visitor.csrf_ok(settings, csrf_token):
        return again(status.HTTP_403_FORBIDDEN, error=_(EXPIRED_FORM))
    try:
        update = UserUpdate(team=team, is_admin=bool(is_admin))
    except ValidationError as exc:
        reason = exc.errors()[0]["msg"].removeprefix("Value error, ")
        message = _("Team of %(name)s: %(reason)s.") % {"name": username, "reason": reason}
        return again(422, error=message, error_user=username, typed_team=team)
    try:
        user = service.update_user(session, visitor.user, username, update)
    except service.NotFound:
        return again(404, error=_("There is no user %(name)r.") % {"name": username})
    except service.Refused:
        message = _("You cannot take away your own administrator rights; another admin can.")
        return again(409, error=message, error_user=username)
    return again(200, saved=user.username)


# All submissions


def _moment(text: str) -> datetime | None:
    """A datetime-local field's value (no zone: the pages show UTC), or None when empty."""
    if not text:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@router.get("/admin/submissions")
def submissions_page(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    user: Annotated[str, Query(max_length=32)] = "",
    problem: Annotated[str, Query(max_length=40)] = "",
    verdict: Annotated[str, Query(max_length=8)] = "",
    since: Annotated[str, Query(max_length=32)] = "",
    until: Annotated[str, Query(max_length=32)] = "",
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
) -> Response:
    _ = i18n.gettext_for(request)
    if refusal := _refused(request, visitor, settings):
        return refusal
    filters = {"user": user, "problem": problem, "verdict": verdict, "since": since, "until": until}
    shown: dict[str, Any] = {"filters": filters, "verdicts": [v.value for v in Verdict]}
    errors = []
    if verdict and verdict not in Verdict.__members__:
        errors.append(_("Unknown verdict %(verdict)r.") % {"verdict": verdict})
    try:
        start, end = _moment(since), _moment(until)
    except ValueError:
        errors.append(_("Times look like 2026-04-10T13:00 (UTC)."))
    if errors:
        context = {**shown, "errors": errors, "items": [], "total": 0}
        context |= _pages(0, 1, filters)
        return render(request, visitor, settings, "admin/submissions.html", context, 422)
    user_id = submissions.user_id_of(session, user) if user else None
    items: list[SubmissionListItem] = []
    total = 0
    if not user or user_id is not None:  # an unknown name matches nothing
        items, total = submissions.list_page(
            session,
            user_id=user_id,
            problem_id=problem or None,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
            viewer=visitor.user,
            verdict=Verdict(verdict) if verdict else None,
            since=start,
            until=end,
        )
    context = {**shown, "errors": [], "items": items, "total": total}
    context |= _pages(total, page, filters)
    return render(request, visitor, settings, "admin/submissions.html", context)


@router.post("/admin/submissions/{submission_id}/rejudge")
def rejudge_submission(
    submission_id: int,
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    outbox: AppOutbox,
    next: Annotated[str, Form()] = "",
    csrf_token: CsrfField = "",
) -> Response:
    """Back to where the button was (the submission's page by default), which shows it queued."""
    _ = i18n.gettext_for(request)
    if refusal := _refused(request, visitor, settings):
        return refusal
    assert visitor.user is not None
    if not visitor.csrf_ok(settings, csrf_token):
        return error_page(request, visitor, settings, 403, _(EXPIRED_FORM))
    try:
        service.rejudge_submission(session, visitor.user, submission_id, settings, outbox)
    except service.NotFound:
        message = _("There is no submission %(id)s.") % {"id": submission_id}
        return error_page(request, visitor, settings, 404, message)
    target = safe_next(next or f"/submissions/{submission_id}")
    return RedirectResponse(target, status.HTTP_303_SEE_OTHER)


# Audit log


@router.get("/admin/audit")
def audit_page(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    action: Annotated[str, Query(max_length=40)] = "",
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
) -> Response:
    if refusal := _refused(request, visitor, settings):
        return refusal
    entries, total = audit.list_page(
        session, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, action=action or None
    )
    context = {"entries": entries, "total": total, "action": action, "actions": audit.ACTIONS}
    context |= _pages(total, page, {"action": action})
    return render(request, visitor, settings, "admin/audit.html", context)
