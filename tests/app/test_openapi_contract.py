"""The OpenAPI document is the contract: a schemathesis run against the embedded service must
find nothing, on SQLite and on PostgreSQL, without a token, with a student's and with an
administrator's.

The run is schemathesis's own (`schemathesis run`: examples, coverage, fuzzing and stateful
phases, with every check) through its Python engine, against the embedded service in this
process: a fresh database each, judging in-process with the fake runner, so submissions get
verdicts (and their event streams end) while no generated code is ever run. A fixed seed and
derandomized generation make a failure reproducible.
"""

from __future__ import annotations

import shutil
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis.engine import Status, events, from_schema
from schemathesis.python import asgi
from schemathesis.transport.asgi import ASGI_TRANSPORT
from schemathesis.transport.requests import REQUESTS_TRANSPORT
from schemathesis.transport.wsgi import WSGI_TRANSPORT

from app import migrate
from app.auth import service as auth
from app.auth.models import User
from app.db import make_engine, make_sessionmaker, transaction
from app.main import create_app
from app.settings import Settings
from tests.app.conftest import postgres_database
from tests.app.fakes import FakeRunner, write_problem

EXAMPLES_PER_OPERATION = 12
ZIP = "application/zip"
SEED = 20260901

RUN: dict[str, Any] = {
    "seed": SEED,
    "cache": {"enabled": False},
    "generation": {
        "max-examples": EXAMPLES_PER_OPERATION,
        "deterministic": True,
        "database": "none",
        # Text no database can store (NUL, lone surrogates, bytes not UTF-8) is refused with 422
        # in every field by the edge middleware (app/edge.py), a rule the document states once
        # (info.description) rather than as a pattern on each string: so NUL is not generated
        # (the codec, UTF-8, already leaves lone surrogates out). tests/app/test_bad_input.py
        # holds the edge to it.
        "allow-x00": False,
    },
    "phases": {"stateful": {"max-steps": 6}},
    "checks": {
        "negative_data_rejection": {
            # Schemathesis's defaults (a 5xx is not_a_server_error's to report), and 413: a
            # body over its route's size limit is refused before it is read (app/main.py),
            # whatever it holds, and no limit is larger than every invalid body.
            "expected-statuses": [
                *("400", "401", "403", "404", "405", "406", "409", "415", "422", "428"),
                *("429", "5xx", "413"),
            ]
        }
    },
}

# Answers the run must have seen, so that it is known to get past the errors.
SUCCESSES = {
    "anonymous": [("GET /api/problems/{problem_id}", 200), ("POST /api/users", 201)],
    "student": [("POST /api/submissions", 202), ("GET /api/submissions/{submission_id}", 200)],
    "admin": [("POST /api/admin/problems", 201), ("PUT /api/admin/users/{username}", 200)],
}

# What no generator can read from a schema (the descriptions state it): an account's password
# has at least 4 different characters and does not contain the username; a team name has at most
# 32 characters once trimmed and none invisible; an upload is the zip of a problem package.
_PASSWORD_FILL = "!~@#$"  # five characters no username may contain


@pytest.fixture(scope="module")
def package_zip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A package the upload accepts (the fake runner passes its reference solution)."""
    root = tmp_path_factory.mktemp("upload")
    folder = write_problem(root, "uploaded", title="Uploaded", section=2)
    return Path(shutil.make_archive(str(root / "uploaded"), "zip", folder)).read_bytes()


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Settings, Callable[[str], str]]]:
    """A fresh database with a student and an administrator, the settings of a service on it,
    and a function giving a new token of "student" or "admin"."""
    database: AbstractContextManager[str]
    if request.param == "sqlite":
        database = nullcontext(f"sqlite:///{tmp_path_factory.mktemp('contract') / 'api.db'}")
    else:
        database = postgres_database()
    problems_dir = tmp_path_factory.mktemp("problems")  # its own: the run uploads packages
    write_problem(problems_dir, "echo", title="Echo", section=3)
    write_problem(problems_dir, "echo-en", title="Echo", section=1, japanese=False)
    with database as url:
        migrate.upgrade(url)
        settings = Settings(
            database_url=url,
            problems_dir=problems_dir,
            sweep_interval_s=0,
            workers=1,
            # Room for the stateful phase's chains of submissions; test_submissions.py holds
            # the limit itself to its 429.
            submission_rate_count=100_000,
        )
        engine = make_engine(url)
        factory = make_sessionmaker(engine)
        users = {}
        with transaction(factory) as session:
            for name, admin in (("student", False), ("admin", True)):
                users[name] = auth.create_user(
                    session, name, "correct-horse-battery", is_admin=admin
                ).id

        def token(name: str) -> str:
            with transaction(factory) as session:
                user = session.get(User, users[name])
                assert user is not None
                secret = settings.secret_key.get_secret_value()
                return auth.issue_token(session, user, secret, 3600)[0]

        yield settings, token
        engine.dispose()


@pytest.fixture
def service(database: tuple[Settings, Callable[[str], str]]) -> Iterator[FastAPI]:
    """The embedded service, judging with the fake runner. Schemathesis starts its lifespan
    on the first request; it is ended here (schemathesis's pytest plugin would, too)."""
    yield create_app(database[0], FakeRunner)
    asgi.shutdown_lifespans()


@pytest.mark.parametrize("who", ["anonymous", "student", "admin"])
def test_schemathesis_finds_nothing(
    service: FastAPI,
    database: tuple[Settings, Callable[[str], str]],
    package_zip: bytes,
    who: str,
) -> None:
    token = database[1]
    schema = schemathesis.openapi.from_asgi(
        "/openapi.json", service, config=schemathesis.Config.from_dict(RUN)
    )
    if who != "anonymous":
        kept = token(who)

        @schema.auth(refresh_interval=None)
        class Token:
            def get(self, case: schemathesis.Case, context: Any) -> str:
                # Logging out revokes the token it is sent with: that one gets its own.
                return token(who) if case.operation.label == "DELETE /api/token" else kept

            def set(self, case: schemathesis.Case, data: str, context: Any) -> None:
                case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    # Schema-valid cases (the positive ones) are made to keep the rules no schema can state,
    # as they are sent, in every phase. The zip goes into the request, not the case: bytes in
    # a case would make schemathesis take it for a negative one (it cannot validate binary
    # against a schema). Only the global dispatcher has `before_call`: it is registered for
    # this run only.
    def before_call(context: Any, case: schemathesis.Case, kwargs: dict[str, Any]) -> None:
        if case.meta is None or not case.meta.generation.mode.is_positive:
            return
        label = case.operation.label
        if label == "POST /api/admin/problems":
            kwargs["files"] = {"file": ("package.zip", package_zip, "application/zip")}
        elif label in FITTERS:
            case.body = FITTERS[label](case.body)

    schemathesis.hook(before_call)
    schemathesis.serializer(ZIP)(_zip_part)
    started = time.monotonic()
    try:
        failures, counts, answered = _run(schema)
    finally:
        schemathesis.hooks.unregister(before_call)
        for transport in (ASGI_TRANSPORT, REQUESTS_TRANSPORT, WSGI_TRANSPORT):
            transport.unregister_serializer(ZIP)
    elapsed = time.monotonic() - started
    print(f"schemathesis [{who}]: {counts} test cases in {elapsed:.0f} s")
    assert not failures, "schemathesis found:\n\n" + "\n\n".join(failures)
    # The run went past the errors: what a user may do, it did.
    for operation, status in SUCCESSES[who]:
        assert status in answered.get(operation, set()), (operation, answered.get(operation))


def _zip_part(context: Any, value: Any) -> bytes:
    """The upload's file part (declared `application/zip`), as sent: the bytes a case holds,
    or what else a negative case put there, as text (which the upload must refuse with a 4xx).
    Schemathesis has no serializer of its own for the media type: without this one, a case
    whose part is not bytes (the stateful phase makes them) ends the run."""
    return value if isinstance(value, bytes) else str(value).encode()


def _fit_password(body: dict[str, Any]) -> dict[str, Any]:
    password, username = body["password"], body["username"]
    if len(set(password)) < 4 or username.lower() in password.lower():
        body = {**body, "password": (_PASSWORD_FILL * 52)[: len(password)]}
    return body


def _fit_team(body: dict[str, Any]) -> dict[str, Any]:
    team = body.get("team")
    if isinstance(team, str):
        team = unicodedata.normalize("NFC", team).strip()
        if len(team) > 32 or any(unicodedata.category(c).startswith("C") for c in team):
            body = {**body, "team": "Team 1"}
    return body


FITTERS = {"POST /api/users": _fit_password, "PUT /api/admin/users/{username}": _fit_team}


def _run(schema: Any) -> tuple[list[str], dict[str, int], dict[str, set[int]]]:
    """Every failed check of the run, once each (operation, check, title), with a request
    that reproduces it; how many test cases each phase ran; the statuses each operation
    answered."""
    failures: dict[tuple[str, str, str], str] = {}
    counts: dict[str, int] = {}
    answered: dict[str, set[int]] = {}
    for event in from_schema(schema).execute():
        if isinstance(event, events.FatalError):
            failures[("fatal", "", "")] = f"schemathesis stopped: {event.exception!r}"
        if isinstance(event, events.NonFatalError):
            failures[("error", event.label, "")] = f"{event.label}: {event.value!r}"
        if not isinstance(event, events.ScenarioFinished):
            continue
        phase = event.phase.value
        counts[phase] = counts.get(phase, 0) + len(event.recorder.cases)
        for case_id, interaction in event.recorder.interactions.items():
            if interaction.response is not None:
                label = event.recorder.cases[case_id].value.operation.label
                answered.setdefault(label, set()).add(interaction.response.status_code)
        for case_id, checks in event.recorder.checks.items():
            for check in checks:
                if check.status != Status.FAILURE or check.failure_info is None:
                    continue
                failure = check.failure_info.failure
                key = (str(event.label), check.name, failure.title)
                if key not in failures:
                    failures[key] = _describe(event, case_id, check.name, check.failure_info)
    return list(failures.values()), counts, answered


def _describe(event: Any, case_id: str, check: str, info: Any) -> str:
    interaction = event.recorder.interactions.get(case_id)
    response = interaction.response if interaction else None
    answered = ""
    if response is not None:
        answered = f"\n  answered {response.status_code}: {response.content[:300]!r}"
    return (
        f"[{event.phase.value}] {event.label or 'stateful'}: {check}: {info.failure.title}\n"
        f"  {info.failure.message[:500]}\n  {info.code_sample}{answered}"
    )
