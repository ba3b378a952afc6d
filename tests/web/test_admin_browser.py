"""A teacher in a real browser (Debian's Chromium via Playwright) against the embedded service:
uploads a problem zip through the admin page and sees it listed, then rejudges a student's
submission and watches the verdict come back; both actions are in the audit log."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app import migrate
from app.admin.models import AuditEntry
from app.auth import service as auth
from app.db import make_engine, make_sessionmaker, transaction
from app.main import create_app
from app.settings import Settings
from tests.app.fakes import FakeRunner, write_problem
from tests.app.test_admin import zip_folder
from tests.web.conftest import SCREENSHOTS
from tests.web.test_browser import _free_port, page  # noqa: F401 (fixture)

PASSWORD = "correct-horse-battery"


@pytest.fixture
def service(tmp_path: Path) -> Iterator[tuple[str, Settings]]:
    """The embedded service (SQLite file, a judging thread, the fake runner) with an admin."""
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'admin.db'}",
        problems_dir=tmp_path / "problems",
        workers=1,
        sweep_interval_s=0,
    )
    write_problem(settings.problems_dir, "echo", title="Echo", section=1)
    migrate.upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    with transaction(make_sessionmaker(engine)) as session:
        auth.create_user(session, "teacher", PASSWORD, is_admin=True)
    engine.dispose()
    port = _free_port()
    config = uvicorn.Config(
        create_app(settings, FakeRunner), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", settings
    server.should_exit = True
    thread.join(timeout=10)


def student_submits(base: str, code: str) -> int:
    with httpx.Client(base_url=base) as http:
        http.post("/api/users", json={"username": "alice", "password": PASSWORD})
        token = http.post("/api/token", data={"username": "alice", "password": PASSWORD})
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
        created = http.post(
            "/api/submissions", json={"problem_id": "echo", "code": code}, headers=headers
        )
        assert created.status_code == 202, created.text
        return created.json()["id"]


def test_teacher_uploads_a_problem_then_rejudges_a_submission(
    service: tuple[str, Settings],
    page: Page,  # noqa: F811 (the imported fixture)
    tmp_path: Path,
) -> None:
    base, settings = service
    submission_id = student_submits(base, "#fake SLEEP 0.3\nprint(input())\n")
    package = write_problem(tmp_path / "src", "uploaded-echo", title="Uploaded echo", section=2)
    archive = tmp_path / "uploaded-echo.zip"
    archive.write_bytes(zip_folder(package, prefix="uploaded-echo"))

    page.goto(f"{base}/login")
    page.get_by_label("Username").fill("teacher")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Admin").click()
    expect(page.locator("h1")).to_have_text("Problems and sections")
    expect(page.locator('tr[data-problem="uploaded-echo"]')).to_have_count(0)

    page.get_by_label("Problem zip").set_input_files(str(archive))
    page.get_by_role("button", name="Upload and validate").click()
    expect(page.locator("#upload-result")).to_contain_text("Uploaded uploaded-echo: version")
    row = page.locator('tr[data-problem="uploaded-echo"]')
    expect(row).to_contain_text("Uploaded echo")
    expect(row).to_contain_text("open")
    page.screenshot(path=str(SCREENSHOTS / "mljudge-web-admin-problems.png"), full_page=True)

    # The student's submission, found through the list of all submissions, judged again.
    page.get_by_role("link", name="All submissions").click()
    page.get_by_label("User").fill("alice")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#all-submissions tbody tr")).to_have_count(1)
    page.get_by_role("link", name=str(submission_id), exact=True).click()
    expect(page.locator("#verdict .verdict-AC")).to_be_visible(timeout=15_000)
    page.get_by_role("button", name="Rejudge").click()
    page.wait_for_url(f"**/submissions/{submission_id}")
    # Three tests of 0.3 s: the page opens while it is being judged again, then updates.
    expect(page.locator("#verdict .verdict-pending")).to_be_visible()
    expect(page.locator("#verdict .verdict-AC")).to_be_visible(timeout=15_000)
    expect(page.locator("#score")).to_have_text("100")

    page.get_by_role("link", name="Admin").click()
    page.get_by_role("link", name="Audit log").click()
    expect(page.locator("#audit tbody tr")).to_have_count(2)
    expect(page.locator("#audit tbody tr").first).to_contain_text("submissions.rejudge")
    expect(page.locator("#audit tbody tr").nth(1)).to_contain_text("problems.upload")
    page.screenshot(path=str(SCREENSHOTS / "mljudge-web-admin-audit.png"), full_page=True)

    engine = make_engine(settings.database_url)
    try:
        with transaction(make_sessionmaker(engine)) as session:
            entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
            logged = [(e.username, e.action, e.details) for e in entries]
    finally:
        engine.dispose()
    assert [(who, what) for who, what, _ in logged] == [
        ("teacher", "problems.upload"),
        ("teacher", "submissions.rejudge"),
    ]
    assert logged[0][2]["id"] == "uploaded-echo" and logged[0][2]["replaced"] is False
    assert logged[1][2] == {"submission_id": submission_id, "problem_id": "echo"}
