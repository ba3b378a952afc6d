from __future__ import annotations

from pathlib import Path
from typing import Literal

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import StreamingResponse
from sqlalchemy.orm import Session

from app import errors
from app.auth.dependencies import OPTIONAL_TOKEN, OptionalUser
from app.deps import AppSettings, DbSession
from app.problems import files, schedule, service, versions
from app.problems.models import ProblemRecord
from app.problems.schemas import ProblemDetail, ProblemIdPath, ProblemSummary, PublicFile, Sample

# Everyone may read problems; a token, when sent, must be valid (401 otherwise).
router = APIRouter(prefix="/api/problems", tags=["problems"], responses=errors.responses(401))
ONE_PROBLEM = errors.responses(404, 422)
# Downloads keep the type of the file (text/csv, image/png, ...).
A_FILE: dict[int | str, dict] = {
    200: {
        "description": "the file's bytes, with its media type",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.get("", response_model=list[ProblemSummary], openapi_extra=OPTIONAL_TOKEN)
def list_problems(request: Request, session: DbSession, user: OptionalUser) -> list[ProblemSummary]:
    """Every active problem the viewer may see now (students: open sections only);
    `my_best_score` is filled in when a token is sent."""
    return service.list_problems(session, user, schedule.for_request(request, session, user))


def _visible(
    request: Request, session: DbSession, user: OptionalUser, problem_id: str
) -> ProblemRecord:
    # A problem of a section not yet open is, for a student, a problem that does not exist.
    record = schedule.visible_problem(
        session, problem_id, schedule.for_request(request, session, user)
    )
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no problem {problem_id!r}")
    return record


@router.get(
    "/{problem_id}",
    response_model=ProblemDetail,
    responses=ONE_PROBLEM,
    openapi_extra=OPTIONAL_TOKEN,
)
def get_problem(
    problem_id: ProblemIdPath,
    request: Request,
    session: DbSession,
    user: OptionalUser,
    lang: Literal["en", "ja"] = "en",
) -> ProblemDetail:
    record = _visible(request, session, user, problem_id)
    # A problem without a statement in the language asked for answers in the one it has, and
    # says which in `lang`.
    served, statement = service.statement_in(record, lang)
    return ProblemDetail(
        id=record.id,
        title=record.title,
        title_ja=record.title_ja,
        section=record.section,
        points=record.points,
        version=record.version,
        lang=served,
        statement=statement,
        limits=record.limits,
        samples=[Sample(**s) for s in record.samples],
        test_count=record.test_count,
    )


@router.get(
    "/{problem_id}/files",
    response_model=list[PublicFile],
    responses=ONE_PROBLEM,
    openapi_extra=OPTIONAL_TOKEN,
)
def list_public_files(
    problem_id: ProblemIdPath,
    request: Request,
    session: DbSession,
    user: OptionalUser,
    settings: AppSettings,
) -> list[PublicFile]:
    """The files students may download: everything under the package's `files/public/`."""
    record = _visible(request, session, user, problem_id)
    return [
        PublicFile(path=path, size=size)
        for path, size in files.public_files(_package(request, session, record), problem_id)
    ]


def _package(request: Request, session: Session, record: ProblemRecord) -> Path | None:
    return versions.current_folder(session, request.app.state.versions, record)


def _send(found: files.OpenFile, disposition: str) -> StreamingResponse:
    return StreamingResponse(
        found.chunks(),
        media_type=found.media_type,
        headers={
            "Content-Length": str(found.size),
            "Content-Disposition": f'{disposition}; filename="{found.name}"',
            "X-Content-Type-Options": "nosniff",
            # Should a browser ever show it as a page: no script, no plugin, no same origin.
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


@router.get(
    "/{problem_id}/files/{path:path}",
    response_class=StreamingResponse,
    responses={**A_FILE, **ONE_PROBLEM},
    openapi_extra=OPTIONAL_TOKEN,
)
def download_public_file(
    problem_id: ProblemIdPath,
    path: str,
    request: Request,
    session: DbSession,
    user: OptionalUser,
    settings: AppSettings,
) -> StreamingResponse:
    """One file of `files/public/`, by the path the list gives (`public/...`)."""
    record = _visible(request, session, user, problem_id)
    return _send(
        files.open_public(_package(request, session, record), problem_id, path), "attachment"
    )


@router.get(
    "/{problem_id}/statement/{path:path}",
    response_class=StreamingResponse,
    responses={**A_FILE, **ONE_PROBLEM},
    openapi_extra=OPTIONAL_TOKEN,
)
def statement_image(
    problem_id: ProblemIdPath,
    path: str,
    request: Request,
    session: DbSession,
    user: OptionalUser,
    settings: AppSettings,
) -> StreamingResponse:
    """An image the statement shows (`statement/graph.png` in the package)."""
    record = _visible(request, session, user, problem_id)
    return _send(
        files.open_statement_image(_package(request, session, record), problem_id, path), "inline"
    )
