"""One shape for every error the JSON API answers, and one table from exceptions to statuses.

Routers let the services' exceptions through (or raise HTTPException for a check of their own);
the handlers `install` adds turn each into an `ErrorOut` body. A message never echoes what the
client sent and is bounded in size, so a hostile value (a lone surrogate, megabytes of text)
cannot break or bloat the answer. The web pages catch the services' exceptions themselves and
answer HTML; only what reaches these handlers is JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.routing import Match, Mount

from app.admin import packages
from app.admin import service as admin
from app.auth import service as auth
from app.auth import throttle
from app.problems import files
from app.submissions import service as submissions
from app.submissions import writer

MAX_MESSAGE = 500  # characters of `detail` and of each `msg`
MAX_ERRORS = 20  # items of `errors`
MAX_LOC = 8  # parts of a `loc`, each at most 100 characters


class ErrorItem(BaseModel):
    """One field's error: where (`["body", "code"]`, `["query", "limit"]`), what, and its kind."""

    loc: list[str | int] = Field(max_length=MAX_LOC)
    msg: str = Field(max_length=MAX_MESSAGE)
    type: str = Field(max_length=100)


class ErrorOut(BaseModel):
    """Every 4xx and 5xx of the API. `detail` is one line for people; a 422 adds `errors`."""

    detail: str = Field(max_length=MAX_MESSAGE)
    errors: list[ErrorItem] = Field(
        default_factory=list,
        max_length=MAX_ERRORS,
        description="each field that broke its rule (422 only; the first 20)",
    )


# What each status means wherever it is declared (`responses()`); a route's own doc says more.
_MEANING = {
    400: "The request cannot be understood as sent.",
    401: "No bearer token where one is needed, or one that is wrong, expired or revoked.",
    403: "The token's user may not do this (administrators only).",
    404: "No such thing, or not one this user may see.",
    409: "It conflicts with what exists (a taken name, an action refused).",
    413: "The body (or the code or zip in it) is larger than allowed.",
    422: "A field breaks its rule; `errors` lists each, `detail` names the first.",
    429: "Too many requests; `Retry-After` says how many seconds to wait.",
    503: "A part the service needs is not available now; try again later.",
}
_HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}},
    429: {
        "Retry-After": {
            "description": "seconds until a retry can succeed",
            "schema": {"type": "integer", "minimum": 1},
        }
    },
}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route or router: each status with the ErrorOut body."""
    declared: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        declared[status] = {"model": ErrorOut, "description": _MEANING[status]}
        if status in _HEADERS:
            declared[status]["headers"] = _HEADERS[status]
    return declared


@dataclass(frozen=True)
class Answer:
    """How the API answers one exception of the services: its message is `str(exception)`."""

    status: int
    headers: Callable[[Any], dict[str, str]] = lambda _: {}
    errors: Callable[[Any], list[ErrorItem]] = lambda _: []


def _retry_after(exc: throttle.Throttled | writer.RateLimited) -> dict[str, str]:
    return {"Retry-After": str(exc.retry_after_s)}


def _package_reasons(exc: packages.PackageRejected) -> list[ErrorItem]:
    return [_item(["body", "file"], reason, "package") for reason in exc.reasons]


def _code_too_long(exc: submissions.CodeTooLong) -> list[ErrorItem]:
    return [_item(["body", "code"], str(exc), "string_too_long")]


ANSWERS: dict[type[Exception], Answer] = {
    auth.UsernameTaken: Answer(409),
    throttle.Throttled: Answer(429, headers=_retry_after),
    submissions.UnknownProblem: Answer(404),
    submissions.CodeTooLong: Answer(422, errors=_code_too_long),
    submissions.CodeTooLarge: Answer(413),
    writer.RateLimited: Answer(429, headers=_retry_after),
    writer.IdempotencyKeyReused: Answer(409),
    writer.WriterStopped: Answer(503),
    submissions.SubmissionNotFound: Answer(404),
    submissions.NotYourSubmission: Answer(403),
    files.NotServed: Answer(404),
    admin.NotFound: Answer(404),
    admin.Refused: Answer(409),
    admin.UploadTooLarge: Answer(413),
    admin.RunnerUnavailable: Answer(503),
    packages.PackageRejected: Answer(422, errors=_package_reasons),
}


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    for exception in ANSWERS:
        app.add_exception_handler(exception, _service_error)


def _printable(text: str, limit: int = MAX_MESSAGE) -> str:
    """At most `limit` characters on one line, always encodable (a lone surrogate becomes the
    six characters `\\ud800`)."""
    text = " ".join(text.encode("utf-8", "backslashreplace").decode("utf-8").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _item(loc: Iterable[object], msg: str, type: str) -> ErrorItem:
    parts = [p if isinstance(p, int) else _printable(str(p), 100) for p in loc]
    return ErrorItem(loc=parts[:MAX_LOC], msg=_printable(msg), type=_printable(type, 100))


def error_response(
    status: int,
    detail: str,
    errors: list[ErrorItem] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body = ErrorOut(detail=_printable(detail) or "error", errors=(errors or [])[:MAX_ERRORS])
    return JSONResponse(body.model_dump(exclude_defaults=True), status, headers=headers)


async def _service_error(request: Request, exc: Exception) -> Response:
    answer = next(ANSWERS[kind] for kind in type(exc).__mro__ if kind in ANSWERS)
    items = answer.errors(exc)
    detail = _summary(items, len(items)) if items else str(exc)
    return error_response(answer.status, detail, items, answer.headers(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code in (204, 304):
        return Response(status_code=exc.status_code, headers=headers)
    if exc.status_code == 405 and (allowed := _allowed_methods(request)):
        # Starlette names only the methods of the first route of the path (/api/token: POST,
        # not DELETE); each method of a path is a route of its own here.
        headers["Allow"] = ", ".join(allowed)
    return error_response(exc.status_code, str(exc.detail), headers=headers)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _allowed_methods(request: Request) -> list[str]:
    """The methods some route of the app takes at this path (mounted apps left out: they
    answer their own 405s)."""
    routes = [route for route in request.app.router.routes if not isinstance(route, Mount)]
    return [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    raw = list(exc.errors())
    # Only where, what and which kind: never the input, which pydantic would echo.
    items = [
        _item(e.get("loc", ()), str(e.get("msg", "")), str(e.get("type", "")))
        for e in raw[:MAX_ERRORS]
    ]
    return error_response(422, _summary(items, len(raw)) if items else "invalid request", items)


def _summary(items: list[ErrorItem], count: int) -> str:
    """`body.code: String should have at most 65536 characters (and 2 more)`."""
    first = items[0]
    where = ".".join(str(part) for part in first.loc)
    more = f" (and {count - 1} more)" if count > 1 else ""
    return f"{where}: {first.msg}{more}"
