"""The API's contract: one error shape with its handlers (app/errors.py), and the OpenAPI
document, which states what only the running service knows.

Routes declare their statuses, bodies and links themselves; the document adds the ids of the
problems open now as examples of every `problem_id`, and the code size limit of the settings.
The test suite holds the service to it with schemathesis (tests/app/test_openapi_contract.py).
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from app import errors
from app.db import transaction
from app.problems import schedule
from app.problems.models import ProblemRecord

log = logging.getLogger(__name__)

# Problems open and close with the release schedule; the document may lag by this much.
EXAMPLES_TTL_S = 60.0


# The rules that hold for every route, which no single schema can state.
API_DESCRIPTION = """\
Every error answers one body, `ErrorOut`: `detail` is one line for people; a 422 adds `errors`,
each field that broke its rule. Messages never repeat what was sent.

Text no database can store is refused in every field, before any route sees it: a NUL character,
a lone surrogate or bytes that are not UTF-8, in the path, the query, a JSON body or a form's
text fields, get 422 naming where.

A bearer token (`POST /api/token`) is needed where a route says so; where it is optional, a
token that is sent must be valid (401 otherwise)."""


def install(app: FastAPI) -> None:
    errors.install(app)
    app.openapi = Document(app)  # type: ignore[method-assign]


class Document:
    """`app.openapi`: FastAPI's document (built once) with the examples and limits filled in,
    rebuilt when the open problems may have changed. `/openapi.json` calls it on the event
    loop, so the one query it makes runs at most once a minute."""

    def __init__(self, app: FastAPI):
        self._app = app
        self._lock = threading.Lock()
        self._built: dict[str, Any] | None = None
        self._ids: list[str] | None = None
        self._checked_at = -EXAMPLES_TTL_S

    def __call__(self) -> dict[str, Any]:
        with self._lock:
            if time.monotonic() - self._checked_at >= EXAMPLES_TTL_S:
                self._checked_at = time.monotonic()
                ids = self._open_problem_ids()
                if self._built is None or ids != self._ids:
                    self._built = self._with_service_facts(ids)
                    self._ids = ids
            assert self._built is not None
            return self._built

    def _open_problem_ids(self) -> list[str]:
        """The problems a visitor without a token sees now; those of closed sections stay
        unknown, as they are everywhere else."""
        state = self._app.state
        try:
            with transaction(state.sessionmaker) as session:
                seen_by = schedule.visibility(
                    session, state.settings.problems_dir, None, state.clock()
                )
                rows = session.execute(
                    select(ProblemRecord.id, ProblemRecord.section)
                    .where(ProblemRecord.active)
                    .order_by(ProblemRecord.section, ProblemRecord.id)
                ).all()
        except Exception:  # the document still serves, without examples
            log.exception("cannot list the open problems for the OpenAPI document")
            return []
        return [problem_id for problem_id, section in rows if seen_by.is_open(section)]

    def _with_service_facts(self, ids: list[str]) -> dict[str, Any]:
        document = copy.deepcopy(FastAPI.openapi(self._app))
        document["info"]["description"] = API_DESCRIPTION
        examples = {"examples": ids} if ids else {}
        for operation in _operations(document):
            for parameter in operation.get("parameters", []):
                if parameter["name"] == "problem_id":
                    parameter["schema"].update(examples)
        submission = document["components"]["schemas"]["SubmissionCreate"]["properties"]
        submission["problem_id"].update(examples)
        max_bytes = self._app.state.settings.max_code_bytes
        submission["code"]["maxLength"] = max_bytes
        submission["code"]["description"] = (
            f"the source; at most {max_bytes} characters (422 beyond) and "
            f"{max_bytes // 1024} KiB in UTF-8 (413 beyond)"
        )
        return document


def _operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        operation
        for path in document.get("paths", {}).values()
        for operation in path.values()
        if isinstance(operation, dict)
    ]
