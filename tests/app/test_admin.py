from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.app.fakes import write_problem


@pytest.fixture
def problems_dir(tmp_path: Path) -> Path:
    """A private copy: these tests add, change and remove packages."""
    root = tmp_path / "problems"
    write_problem(root, "echo")
    return root


def zip_folder(folder: Path, prefix: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                archive.write(path, f"{prefix}/{name}" if prefix else name)
    return buffer.getvalue()


def upload(client, headers, data: bytes):
    return client.post(
        "/api/admin/problems",
        headers=headers,
        files={"file": ("problem.zip", data, "application/zip")},
    )


ADMIN_ROUTES = [
    ("post", "/api/admin/problems/reload"),
    ("post", "/api/admin/problems"),
    ("post", "/api/admin/submissions/1/rejudge"),
    ("post", "/api/admin/problems/echo/rejudge"),
]


@pytest.mark.parametrize(("method", "path"), ADMIN_ROUTES)
def test_admin_routes_need_an_admin(client, accounts, method, path):
    assert getattr(client, method)(path).status_code == 401
    response = getattr(client, method)(path, headers=accounts.user("alice"))
    assert response.status_code == 403 and response.json()["detail"] == "administrators only"


def test_reload_reports_changes(client, accounts, problems_dir):
    admin = accounts.admin()
    write_problem(problems_dir, "fresh", title="Fresh")
    (problems_dir / "echo" / "statement.md").write_text("# Echo, reworded\n")
    report = client.post("/api/admin/problems/reload", headers=admin).json()
    assert report["added"] == ["fresh"] and report["updated"] == ["echo"]
    assert client.get("/api/problems/fresh").status_code == 200
    assert client.get("/api/problems/echo").json()["statement"] == "# Echo, reworded\n"
    shutil.rmtree(problems_dir / "fresh")
    report = client.post("/api/admin/problems/reload", headers=admin).json()
    assert report["removed"] == ["fresh"]
    assert client.get("/api/problems/fresh").status_code == 404


def test_upload_a_good_package_goes_live(client, accounts, tmp_path, problems_dir, runner):
    package = write_problem(tmp_path / "src", "uploaded", title="Uploaded")
    response = upload(client, accounts.admin(), zip_folder(package, prefix="uploaded"))
    assert response.status_code == 201, response.text
    assert response.json()["id"] == "uploaded" and response.json()["replaced"] is False
    assert (problems_dir / "uploaded" / "problem.yaml").is_file()
    assert runner.runs == 3  # the reference solution was judged on every test
    reference = response.json()["reference"]
    assert [(t["name"], t["verdict"], t["score"]) for t in reference] == [
        (name, "AC", 1.0) for name in ("1", "2", "3")
    ]
    assert client.get("/api/problems/uploaded").json()["title"] == "Uploaded"
    assert not [p for p in problems_dir.iterdir() if p.name.startswith(".upload-")]


def test_upload_without_a_top_folder_and_replacing(client, accounts, tmp_path, problems_dir):
    package = write_problem(tmp_path / "src", "echo", title="Echo v2")
    response = upload(client, accounts.admin(), zip_folder(package))
    assert response.status_code == 201 and response.json()["replaced"] is True
    assert client.get("/api/problems/echo").json()["title"] == "Echo v2"


def test_upload_with_a_wrong_reference_solution_is_refused_with_reasons(
    client, accounts, tmp_path, problems_dir
):
    package = write_problem(tmp_path / "src", "broken", solution="print('oops')\n")
    response = upload(client, accounts.admin(), zip_folder(package))
    assert response.status_code == 422
    (reason,) = [error["msg"] for error in response.json()["errors"]]
    assert reason.startswith("broken/solution.py: got WA 0/100, not AC at full points (1: WA")
    assert response.json()["detail"].startswith(f"body.file: {reason[:100]}")
    assert not (problems_dir / "broken").exists()
    assert client.get("/api/problems/broken").status_code == 404


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"not a zip", "not a zip file"),
        (None, "unsafe path"),
        ("invalid", "problem.yaml: section"),
        ("noyaml", "must hold problem.yaml"),
    ],
)
def test_bad_uploads_are_422_with_the_reason(client, accounts, tmp_path, data, why):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("../escape/problem.yaml", "id: escape\n")
        data = buffer.getvalue()
    elif data == "invalid":
        package = write_problem(tmp_path / "src", "invalid")
        (package / "problem.yaml").write_text("id: invalid\ntitle: X\nsection: 12\n")
        data = zip_folder(package)
    elif data == "noyaml":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "hello")
        data = buffer.getvalue()
    response = upload(client, accounts.admin(), data)
    assert response.status_code == 422
    assert any(why in error["msg"] for error in response.json()["errors"]), response.json()


def test_upload_without_a_file_is_422(client, accounts):
    response = client.post("/api/admin/problems", headers=accounts.admin())
    assert response.status_code == 422 and response.json()["errors"][0]["loc"] == ["body", "file"]


def test_oversized_request_is_413(client, accounts, settings):
    response = client.post(
        "/api/admin/problems",
        headers=accounts.admin(),
        content=b"x" * (settings.max_upload_bytes + 100 * 1024),
    )
    assert response.status_code == 413 and response.json()["detail"]


def submit(client, headers, code):
    return client.post(
        "/api/submissions", json={"problem_id": "echo", "code": code}, headers=headers
    ).json()["id"]


def test_rejudge_a_submission(client, accounts, judge_queued, problems_dir, dispatcher):
    alice, admin = accounts.user("alice"), accounts.admin()
    submission_id = submit(client, alice, "#fake ECHO")
    judge_queued()
    # The tests change (and are reloaded: judges read the stored version, not the folder); the
    # old verdict is stale until rejudged.
    (problems_dir / "echo" / "tests" / "2.ans").write_text("6\n")
    assert client.post("/api/admin/problems/reload", headers=admin).json()["updated"] == ["echo"]
    response = client.post(f"/api/admin/submissions/{submission_id}/rejudge", headers=admin)
    assert response.status_code == 202 and response.json() == {"requeued": [submission_id]}
    assert dispatcher.enqueued == [submission_id]
    assert (
        client.get(f"/api/submissions/{submission_id}", headers=alice).json()["status"] == "queued"
    )
    judge_queued()
    again = client.get(f"/api/submissions/{submission_id}", headers=alice).json()
    assert again["verdict"] == "WA" and again["score"] == pytest.approx(200 / 3)
    assert len(again["tests"]) == 3  # only the latest attempt's results
    assert client.post("/api/admin/submissions/999999/rejudge", headers=admin).status_code == 404


def test_rejudge_a_problem(client, accounts, judge_queued, dispatcher):
    alice, admin = accounts.user("alice"), accounts.admin()
    ids = [submit(client, alice, "#fake ECHO"), submit(client, alice, "wrong")]
    judge_queued()
    response = client.post("/api/admin/problems/echo/rejudge", headers=admin)
    assert response.status_code == 202 and response.json() == {"requeued": ids}
    assert dispatcher.enqueued == ids
    judge_queued()
    verdicts = [client.get(f"/api/submissions/{i}", headers=alice).json()["verdict"] for i in ids]
    assert verdicts == ["AC", "WA"]
    assert client.post("/api/admin/problems/nope/rejudge", headers=admin).status_code == 404


def test_health(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "queue": "ok"}


def test_health_reports_an_unreachable_queue(client, dispatcher):
    dispatcher.check = lambda: "broker unreachable: ConnectionRefusedError"
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["queue"].startswith("broker unreachable")


def test_unknown_route_is_a_json_404(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}


def _chunks(total: int, size: int = 64 * 1024):
    for _ in range(total // size + 1):
        yield b"x" * size


def test_a_chunked_body_over_the_limit_is_413_without_a_login(client):
    # No Content-Length: the body is counted as it arrives, and refused before it is all read.
    response = client.post(
        "/api/users", content=_chunks(2 * 1024 * 1024), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413 and response.json()["detail"] == "request body too large"


def test_only_the_problem_upload_may_be_large(client, accounts):
    response = client.post(
        "/api/submissions", headers=accounts.user(), content=b"x" * (1024 * 1024)
    )
    assert response.status_code == 413


def test_a_rejudge_after_the_points_changed_scores_against_the_new_points(
    client, accounts, judge_queued, problems_dir
):
    alice, admin = accounts.user("alice"), accounts.admin()
    submission_id = submit(client, alice, "#fake ECHO")
    judge_queued()
    yaml_path = problems_dir / "echo" / "problem.yaml"
    points = client.get("/api/problems/echo").json()["points"]
    yaml_path.write_text(
        yaml_path.read_text().replace(f"points: {points:g}", f"points: {3 * points:g}")
    )
    assert client.post("/api/admin/problems/reload", headers=admin).json()["updated"] == ["echo"]
    client.post(f"/api/admin/submissions/{submission_id}/rejudge", headers=admin)
    judge_queued()
    again = client.get(f"/api/submissions/{submission_id}", headers=alice).json()
    assert again["verdict"] == "AC" and again["score"] == again["max_score"] == 3 * points
