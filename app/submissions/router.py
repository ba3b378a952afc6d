from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, status
from fastapi.responses import StreamingResponse

from app import errors
from app.auth.dependencies import CurrentUser
from app.auth.models import User
from app.auth.schemas import UsernameQuery
from app.deps import AppSettings, AppWriter, DbSession
from app.problems import schedule
from app.problems.schemas import ProblemIdQuery
from app.submissions import events, service
from app.submissions.models import Submission
from app.submissions.schemas import (
    DateTimeQuery,
    SubmissionCreate,
    SubmissionCreated,
    SubmissionId,
    SubmissionOut,
    SubmissionPage,
)
from judge.verdict import Verdict

router = APIRouter(
    prefix="/api/submissions", tags=["submissions"], responses=errors.responses(401, 422)
)
ONE_SUBMISSION = errors.responses(403, 404)
# One server-sent event: `data` is JSON (`status`: {status}; `test`: one of SubmissionOut's
# tests; `done`: SubmissionOut without `code`; `error`: {detail}).
SUBMISSION_EVENT = {
    "type": "object",
    "required": ["event", "data"],
    "properties": {
        "event": {"enum": ["status", "test", "done", "error"]},
        "data": {"type": "string", "contentMediaType": "application/json"},
    },
}
# Where the id of a new submission leads (OpenAPI links; schemathesis follows them).
_BY_ID = {"submission_id": "$response.body#/id"}
_CREATED_LINKS = {
    "GetSubmission": {"operationRef": "#/paths/~1api~1submissions~1{submission_id}/get"},
    "SubmissionEvents": {"operationRef": "#/paths/~1api~1submissions~1{submission_id}~1events/get"},
    "RejudgeSubmission": {
        "operationRef": "#/paths/~1api~1admin~1submissions~1{submission_id}~1rejudge/post"
    },
}


@router.post(
    "",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=SubmissionCreated,
    responses={
        202: {
            "links": {name: {**link, "parameters": _BY_ID} for name, link in _CREATED_LINKS.items()}
        },
        **errors.responses(400, 404, 409, 413, 429, 503),
    },
)
def create_submission(
    body: SubmissionCreate,
    request: Request,
    session: DbSession,
    user: CurrentUser,
    settings: AppSettings,
    writer: AppWriter,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=64,
            pattern=r"^[!-~]+$",
            description="any 1-64 visible ASCII characters, e.g. a UUID, new for each submission",
        ),
    ] = None,
) -> SubmissionCreated:
    """Submit code to a problem. The answer is 202 as soon as the submission is stored, whether
    or not the judges' queue is up: it is sent to the judges as soon as the queue takes it.
    Refused: 404 for a problem this user cannot see, 413 for code over 64 KiB in UTF-8, 429 over
    the rate limit (with Retry-After).

    **Retrying safely**: send an `Idempotency-Key` header (e.g. a new UUID per submission) and
    send the same key again when a request failed without an answer (connection lost, timeout).
    Within a day, the same user with the same key gets the submission made the first time (202,
    same id, its current status) instead of a new one, and a retry does not count against the
    rate limit. Reusing a key with another problem or other code is refused (409)."""
    seen_by = schedule.for_request(request, session, user)
    stored = service.create(
        session, user, body.problem_id, body.code, settings, writer, seen_by, idempotency_key
    )
    return SubmissionCreated(id=stored.id, status=stored.status)


def _readable(request: Request, session: DbSession, submission_id: int, user: User) -> Submission:
    seen_by = schedule.for_request(request, session, user)
    return service.readable(session, submission_id, user, seen_by)


@router.get("", response_model=SubmissionPage)
def list_submissions(
    request: Request,
    session: DbSession,
    user: CurrentUser,
    mine: bool = False,
    username: UsernameQuery = None,
    problem_id: ProblemIdQuery = None,
    verdict: Verdict | None = None,
    since: DateTimeQuery = None,
    until: DateTimeQuery = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> SubmissionPage:
    """Newest first. Everyone's submissions are listed (without code); `mine=true` or
    `username` picks one user's, `verdict` those with that verdict, `since`/`until` a time range
    (since <= created_at < until). Students do not see submissions to problems of sections
    closed to them."""
    user_id = user.id if mine else None
    if username is not None and not mine:
        user_id = service.user_id_of(session, username)
        if user_id is None:
            return SubmissionPage(items=[], total=0, limit=limit, offset=offset)
    items, total = service.list_page(
        session,
        user_id=user_id,
        problem_id=problem_id,
        limit=limit,
        offset=offset,
        viewer=user,
        hidden_problems=schedule.for_request(request, session, user).hidden_problem_ids(session),
        verdict=verdict,
        since=since,
        until=until,
    )
    return SubmissionPage(items=items, total=total, limit=limit, offset=offset)


@router.get("/{submission_id}", response_model=SubmissionOut, responses=ONE_SUBMISSION)
def get_submission(
    submission_id: SubmissionId, request: Request, session: DbSession, user: CurrentUser
) -> SubmissionOut:
    return service.present(session, _readable(request, session, submission_id, user), user)


@router.get(
    "/{submission_id}/events",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "`status`, `test` and `done` events as the judging goes on",
            "content": {"text/event-stream": {"itemSchema": SUBMISSION_EVENT}},
        },
        **ONE_SUBMISSION,
    },
)
def submission_events(
    submission_id: SubmissionId, request: Request, session: DbSession, user: CurrentUser
) -> StreamingResponse:
    _readable(request, session, submission_id, user)
    state = request.app.state
    return events.response(state.sessionmaker, submission_id, user, state.changes)
