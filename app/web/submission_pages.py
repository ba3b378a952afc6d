"""My submissions, one submission with its tests (live while judging), and the leaderboard."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, status
from fastapi.responses import RedirectResponse, Response

from app.auth.models import User
from app.deps import AppSettings, DbSession
from app.leaderboard import service as leaderboard
from app.problems import schedule
from app.problems.models import ProblemRecord
from app.submissions import events
from app.submissions import service as submissions
from app.submissions.models import Status, Submission
from app.submissions.schemas import SubmissionId, SubmissionOut
from app.web import i18n
from app.web.rendering import error_page, render
from app.web.session import CurrentVisitor
from judge.verdict import Verdict

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20


def _to_login(request: Request) -> Response:
    return RedirectResponse(f"/login?next={request.url.path}", status.HTTP_303_SEE_OTHER)


@router.get("/submissions")
def my_submissions(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    page: Annotated[int, Query(ge=1, le=10**6)] = 1,
) -> Response:
    if visitor.user is None:
        return _to_login(request)
    items, total = submissions.list_page(
        session,
        user_id=visitor.user.id,
        problem_id=None,
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        viewer=visitor.user,
        hidden_problems=schedule.for_request(request, session, visitor.user).hidden_problem_ids(
            session
        ),
    )
    context = {
        "items": items,
        "total": total,
        "page": page,
        "pages": max(1, -(-total // PAGE_SIZE)),
    }
    return render(request, visitor, settings, "submissions.html", context)


@router.get("/submissions/{submission_id}")
def submission_page(
    submission_id: SubmissionId,
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
) -> Response:
    if visitor.user is None:
        return _to_login(request)
    seen_by = schedule.for_request(request, session, visitor.user)
    _ = i18n.gettext_for(request)
    try:
        submission = submissions.readable(session, submission_id, visitor.user, seen_by)
    except submissions.SubmissionNotFound:
        message = _("There is no submission %(id)d.") % {"id": submission_id}
        return error_page(request, visitor, settings, 404, message)
    except submissions.NotYourSubmission:
        message = _("This submission is someone else's.")
        return error_page(request, visitor, settings, 403, message)
    # The API's presenter: hidden tests are redacted here exactly as in GET /api/submissions/{id}.
    shown = submissions.present(session, submission, visitor.user)
    problem = session.get(ProblemRecord, submission.problem_id)
    title = None
    if problem is not None:
        japanese = i18n.choose(request) == "ja" and problem.title_ja
        title = problem.title_ja if japanese else problem.title
    context = {
        "submission": shown,
        "problem_title": title,
        "celebrate": _celebration(session, submission, shown.verdict, visitor.user),
        "explained": _explained(shown),
    }
    return render(request, visitor, settings, "submission.html", context)


def _celebration(
    session: DbSession, submission: Submission, verdict: str | None, viewer: User
) -> bool | None:
    """True: show the celebration, this is the owner's first AC on the problem; False: it may
    become so when judging ends (the page's script then shows it); None: it cannot."""
    if viewer.id != submission.user_id or verdict not in (None, Verdict.AC):
        return None
    if submissions.accepted_before(session, submission, viewer):
        return None
    return verdict == Verdict.AC


def _explained(shown: SubmissionOut) -> set[str]:
    """The verdicts the page explains: the submission's and those of its tests."""
    if shown.status != Status.DONE:
        return set()
    return {str(v) for v in [shown.verdict, *(t.verdict for t in shown.tests)] if v}


@router.get("/submissions/{submission_id}/events")
def submission_events(
    submission_id: SubmissionId, request: Request, visitor: CurrentVisitor, session: DbSession
) -> Response:
    """The API's event stream for the page: EventSource sends the session cookie, not a bearer
    token, so this route authenticates with the cookie and hands over to the same generator."""
    if visitor.user is None:
        return Response(status_code=status.HTTP_401_UNAUTHORIZED)
    seen_by = schedule.for_request(request, session, visitor.user)
    try:
        submissions.readable(session, submission_id, visitor.user, seen_by)
    except submissions.SubmissionNotFound:
        return Response(status_code=status.HTTP_404_NOT_FOUND)
    except submissions.NotYourSubmission:
        return Response(status_code=status.HTTP_403_FORBIDDEN)
    state = request.app.state
    return events.response(state.sessionmaker, submission_id, visitor.user, state.changes)


@router.get("/leaderboard")
def leaderboard_page(
    request: Request,
    visitor: CurrentVisitor,
    settings: AppSettings,
    session: DbSession,
    view: Literal["users", "teams"] = "users",
    section: Annotated[int | None, Query(ge=0, le=7)] = None,
) -> Response:
    """Users or teams, overall or for one section (the API's `?section=`)."""
    seen_by = schedule.for_request(request, session, visitor.user)
    if section is not None and not seen_by.is_open(section):
        return error_page(request, visitor, settings, 404, f"There is no section {section}.")
    if view == "teams":
        standings: list[Any] = leaderboard.team_standings(session, visitor.user, section)
    else:
        standings = leaderboard.standings(session, visitor.user, section)
    context = {
        "standings": standings,
        "view": view,
        "section": section,
        "sections": leaderboard.sections_shown(session, seen_by),
        "titles": seen_by.schedule.sections if seen_by.schedule is not None else {},
        "has_teams": leaderboard.has_teams(session),
    }
    return render(request, visitor, settings, "leaderboard.html", context)
