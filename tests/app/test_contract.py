"""The API's contract, case by case: each error status is declared in the OpenAPI document for
the route that answers it, with the one error body (ErrorOut); the document states the field
rules and lists the open problems' ids. (tests/app/test_openapi_contract.py runs schemathesis
over all of it; these name each defect it or the issue found.)"""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from app.errors import MAX_MESSAGE, ErrorOut
from app.main import create_app
from tests.app.conftest import Accounts

AC = "#fake ECHO\nprint(input())\n"
ERROR_REF = "#/components/schemas/ErrorOut"


def _document(client) -> dict[str, Any]:
    return client.get("/openapi.json").json()


def _assert_declared(document: dict[str, Any], method: str, path: str, response) -> None:
    """The status is declared for the route, its body is an ErrorOut, and so is the schema."""
    declared = document["paths"][path][method]["responses"]
    status = str(response.status_code)
    assert status in declared, (method, path, status, sorted(declared))
    schema = declared[status]["content"]["application/json"]["schema"]
    assert schema == {"$ref": ERROR_REF}, (method, path, status, schema)
    body = response.json()
    assert set(body) <= {"detail", "errors"}, body
    ErrorOut.model_validate(body, strict=True)
    assert "\n" not in body["detail"] and len(body["detail"]) <= MAX_MESSAGE


def test_each_error_status_is_declared_with_the_error_body(client, accounts, settings):
    student, admin = accounts.user("alice"), accounts.admin("root")
    own = client.post("/api/submissions", headers=student, json={"problem_id": "echo", "code": AC})
    assert own.status_code == 202
    others = client.post(
        "/api/submissions", headers=accounts.user("bob"), json={"problem_id": "echo", "code": AC}
    )
    json_body = {"Content-Type": "application/json"}
    requests = [
        # 400: a body that cannot be parsed at all (JSON nested deeper than Python's recursion
        # limit; a broken multipart)
        (400, "post", "/api/users", {"content": b"[" * 100_000, "headers": json_body}),
        (
            400,
            "post",
            "/api/admin/problems",
            {
                "content": b"--x\r\n[bad header\r\n\r\nvalue\r\n--x--\r\n",
                "headers": {**admin, "Content-Type": "multipart/form-data; boundary=x"},
            },
        ),
        # 401: no token where one is needed, or a wrong one anywhere
        (401, "get", "/api/me", {}),
        (401, "post", "/api/submissions", {"json": {"problem_id": "echo", "code": AC}}),
        (401, "get", "/api/problems", {"headers": {"Authorization": "Bearer wrong"}}),
        (401, "get", "/api/leaderboard", {"headers": {"Authorization": "Bearer wrong"}}),
        (401, "post", "/api/token", {"data": {"username": "alice", "password": "wrong-pw"}}),
        (401, "delete", "/api/token", {}),
        # 403: not an administrator; someone else's submission
        (403, "get", "/api/admin/problems", {"headers": student}),
        (403, "get", "/api/admin/dashboard", {"headers": student}),
        (403, "get", f"/api/submissions/{others.json()['id']}", {"headers": student}),
        # 404
        (404, "get", "/api/problems/nope", {}),
        (404, "get", "/api/problems/echo/files/public/nope.csv", {}),
        (404, "get", "/api/problems/echo/statement/nope.png", {}),
        (404, "get", "/api/submissions/999999", {"headers": student}),
        (
            404,
            "post",
            "/api/submissions",
            {"headers": student, "json": {"problem_id": "nope", "code": AC}},
        ),
        (404, "post", "/api/admin/submissions/999999/rejudge", {"headers": admin}),
        (404, "post", "/api/admin/problems/nope/rejudge", {"headers": admin}),
        (404, "put", "/api/admin/users/nobody", {"headers": admin, "json": {"team": "x"}}),
        # 409
        (
            409,
            "post",
            "/api/users",
            {"json": {"username": "alice", "password": "correct-horse-battery"}},
        ),
        (409, "put", "/api/admin/users/root", {"headers": admin, "json": {"is_admin": False}}),
        # 413: code over 64 KiB in UTF-8; a body over the limit of its route
        (
            413,
            "post",
            "/api/submissions",
            {"headers": student, "json": {"problem_id": "echo", "code": "##" + "あ" * 21845}},
        ),
        (413, "post", "/api/users", {"content": b"x" * 2_000_000, "headers": json_body}),
        # 422: a field against its rule, and the upload's package reasons
        (422, "post", "/api/users", {"json": {"username": "a", "password": "correct-horse"}}),
        (422, "get", "/api/submissions", {"headers": student, "params": {"limit": 0}}),
        (422, "get", "/api/problems/Not_An_Id", {}),
        (422, "put", "/api/admin/current-section", {"headers": admin, "json": {"section": 9}}),
        (
            422,
            "post",
            "/api/admin/problems",
            {"headers": admin, "files": {"file": ("p.zip", b"not a zip", "application/zip")}},
        ),
    ]
    document = _document(client)
    for status, method, url, kwargs in requests:
        response = client.request(method, url, **kwargs)
        assert response.status_code == status, (method, url, response.text)
        _assert_declared(document, method, _template(document, url), response)

    # 429, with the Retry-After it declares
    for _ in range(settings.submission_rate_count):
        client.post("/api/submissions", headers=student, json={"problem_id": "echo", "code": AC})
    limited = client.post(
        "/api/submissions", headers=student, json={"problem_id": "echo", "code": AC}
    )
    assert limited.status_code == 429
    _assert_declared(document, "post", "/api/submissions", limited)
    declared = document["paths"]["/api/submissions"]["post"]["responses"]["429"]
    assert "Retry-After" in declared["headers"] and int(limited.headers["Retry-After"]) >= 1
    # and for failed logins
    wrong = {"username": "carol", "password": "not-the-password"}
    for _ in range(settings.login_failures_per_username):
        assert client.post("/api/token", data=wrong).status_code == 401
    throttled = client.post("/api/token", data=wrong)
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) >= 1
    _assert_declared(document, "post", "/api/token", throttled)


def _template(document: dict[str, Any], url: str) -> str:
    """The document's path that `url` is an instance of."""
    parts = url.split("/")
    for template in document["paths"]:
        pattern = template.split("/")
        if template.endswith("{path}") and len(parts) >= len(pattern):
            parts_here = [*parts[: len(pattern) - 1], "/".join(parts[len(pattern) - 1 :])]
        else:
            parts_here = parts
        if len(pattern) == len(parts_here) and all(
            p == u or (p.startswith("{") and p.endswith("}"))
            for p, u in zip(pattern, parts_here, strict=True)
        ):
            return template
    raise AssertionError(f"no path of the document matches {url}")


def test_upload_refusal_lists_every_reason_in_errors(client, accounts):
    response = client.post(
        "/api/admin/problems",
        headers=accounts.admin(),
        files={"file": ("p.zip", b"not a zip", "application/zip")},
    )
    assert response.status_code == 422
    assert response.json() == {
        "detail": "body.file: not a zip file",
        "errors": [{"loc": ["body", "file"], "msg": "not a zip file", "type": "package"}],
    }


def test_a_422_names_the_first_error_and_counts_the_others(client, accounts):
    response = client.post("/api/submissions", headers=accounts.user(), json={})
    assert response.status_code == 422
    assert response.json()["detail"] == "body.problem_id: Field required (and 1 more)"
    assert [e["loc"] for e in response.json()["errors"]] == [
        ["body", "problem_id"],
        ["body", "code"],
    ]


def test_a_422_never_echoes_the_input_even_a_lone_surrogate(client):
    # The old handler put each field's input in the body: a lone surrogate in it could not be
    # encoded (a 500), and a long value came back whole.
    text = '{"username": "\\ud800' + "x" * 5000 + '", "password": "correct-horse"}'
    response = client.post(
        "/api/users", content=text.encode(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert "xxxxx" not in response.text and len(response.content) < 2000


def test_a_422_names_an_unknown_field_briefly(client):
    body = {"username": "alice", "password": "correct-horse", "k" * 5000: 1}
    response = client.post("/api/users", json=body)
    assert response.status_code == 422, response.text
    (error,) = response.json()["errors"]
    assert error == {
        "loc": ["body", "k" * 99 + "…"],
        "msg": "Extra inputs are not permitted",
        "type": "extra_forbidden",
    }
    assert len(response.content) < 1000


def test_405_lists_every_method_of_the_path(client):
    # /api/token has two routes (POST, DELETE); Starlette named only the first one's.
    response = client.get("/api/token")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST, DELETE"
    assert response.json() == {"detail": "Method Not Allowed"}


def test_times_in_queries_are_rfc_3339_not_seconds(client, accounts):
    # Pydantic took "0.5" for half a second after 1970; the schema says `format: date-time`.
    headers = accounts.user()
    for value in ("0.5", "1712000000"):
        response = client.get("/api/submissions", headers=headers, params={"until": value})
        assert response.status_code == 422, value
        assert response.json()["errors"][0]["loc"] == ["query", "until"]
    good = client.get("/api/submissions", headers=headers, params={"until": "2030-01-01T00:00Z"})
    assert good.status_code == 200


def test_json_false_is_not_section_zero_but_2_0_is_section_2(client, accounts):
    admin = accounts.admin()
    for wrong in (False, True, "2", 2.5):
        response = client.put("/api/admin/current-section", headers=admin, json={"section": wrong})
        assert response.status_code == 422, wrong
    response = client.put("/api/admin/current-section", headers=admin, json={"section": 2.0})
    assert response.status_code == 200 and response.json() == {"section": 2}


def test_is_admin_is_stated_as_a_boolean_and_null_is_refused(client, accounts):
    schema = _document(client)["components"]["schemas"]["UserUpdate"]["properties"]["is_admin"]
    assert schema == {"title": "Is Admin", "type": "boolean"}
    admin = accounts.admin()
    accounts.user("alice")
    response = client.put("/api/admin/users/alice", headers=admin, json={"is_admin": None})
    assert response.status_code == 422


def test_account_rules_are_in_the_schema(client):
    properties = _document(client)["components"]["schemas"]["UserCreate"]["properties"]
    username, password = properties["username"], properties["password"]
    assert (username["minLength"], username["maxLength"]) == (3, 32)
    assert username["pattern"] == "^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$"
    assert (password["minLength"], password["maxLength"]) == (8, 256)
    # What JSON Schema cannot say is said in words.
    assert "4 of them different" in password["description"]
    assert "username" in password["description"]


def test_problem_ids_have_the_open_problems_as_examples(client, accounts):
    # Section 3 (echo) closed: its id is unknown to students, so not an example either.
    client.put("/api/admin/current-section", headers=accounts.admin(), json={"section": 1})
    document = _document(client)
    parameters = [
        parameter
        for path in document["paths"].values()
        for operation in path.values()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "problem_id"
    ]
    assert len(parameters) == 6  # four problem routes, a rejudge, the submissions' filter
    for parameter in parameters:
        assert parameter["schema"]["examples"] == ["echo-en"], parameter
        assert '"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"' in json.dumps(parameter["schema"])
    body = document["components"]["schemas"]["SubmissionCreate"]["properties"]
    assert body["problem_id"]["examples"] == ["echo-en"]
    assert body["code"]["maxLength"] == 65536


def test_code_max_length_comes_from_the_settings(settings, session_factory, runner, dispatcher):
    settings.max_code_bytes = 1000
    app = create_app(
        settings, lambda: runner, session_factory=session_factory, dispatcher=dispatcher
    )
    with TestClient(app) as client:
        body = _document(client)["components"]["schemas"]["SubmissionCreate"]["properties"]
        assert body["code"]["maxLength"] == 1000
        headers = Accounts(client, session_factory).user()
        response = client.post(
            "/api/submissions", headers=headers, json={"problem_id": "echo", "code": "#" * 1001}
        )
        assert response.json()["detail"] == "body.code: String should have at most 1000 characters"


def test_optional_tokens_are_stated_as_optional(client):
    paths = _document(client)["paths"]
    assert {} in paths["/api/problems"]["get"]["security"]
    assert {} in paths["/api/leaderboard"]["get"]["security"]
    assert paths["/api/me"]["get"]["security"] == [{"OAuth2PasswordBearer": []}]


def test_the_event_stream_documents_its_events(client):
    content = _document(client)["paths"]["/api/submissions/{submission_id}/events"]["get"][
        "responses"
    ]["200"]["content"]
    events = content["text/event-stream"]["itemSchema"]
    assert events["properties"]["event"]["enum"] == ["status", "test", "done", "error"]


def test_links_lead_from_a_new_submission_to_it(client):
    links = _document(client)["paths"]["/api/submissions"]["post"]["responses"]["202"]["links"]
    assert links["GetSubmission"] == {
        "operationRef": "#/paths/~1api~1submissions~1{submission_id}/get",
        "parameters": {"submission_id": "$response.body#/id"},
    }


def test_pages_are_not_in_the_document(client):
    assert all(
        path.startswith("/api/") or path == "/healthz" for path in _document(client)["paths"]
    )
    assert "HTTPValidationError" not in json.dumps(_document(client))
