"""Page tests reuse the API tests' fixtures: the same app, database (SQLite and PostgreSQL) and
rolled-back transaction per test, with the fake runner judging on demand."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright import sync_api as playwright_api
from playwright.sync_api import sync_playwright

from tests.app.conftest import (  # noqa: F401 (fixtures are found by name)
    Accounts,
    accounts,
    client,
    database_url,
    dispatcher,
    engine,
    judge_queued,
    problems_dir,
    runner,
    session_factory,
    settings,
    version_cache_dir,
)

PASSWORD = "correct-horse-battery"


def code_box(page: playwright_api.Page) -> playwright_api.Locator:
    """The submit form's code editor, once editor.js has put it in place of the plain textarea.

    Before that the label names the textarea, which the script then hides: a fill that resolved
    to the textarea first waits for it to show again until it times out (seen on a loaded CI).
    """
    playwright_api.expect(page.locator("#editor-help")).to_be_visible()
    return page.get_by_label("Your Python solution")


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Kept after the run (ignored by git) for people and CI to look at.
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def chromium() -> Iterator[playwright_api.Browser]:
    """Debian's Chromium through Playwright (never a downloaded browser), one per test."""
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `make setup` (apt-get install chromium)"
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(page_html: str) -> str:
    match = CSRF.search(page_html)
    assert match, "the page has no CSRF field"
    return match.group(1)


class Browser:
    """A TestClient used like a browser: it keeps cookies and fills in each form's CSRF token.

    It asks for English pages (Accept-Language) unless told otherwise: a browser that says
    nothing gets the lecture's Japanese, and most tests read the English labels."""

    def __init__(self, http: TestClient, language: str = "en"):
        self.client = http
        self.use_language(language)

    def use_language(self, language: str) -> None:
        # A header rather than the `lang` cookie, so that tests clearing cookies keep it.
        self.client.headers["Accept-Language"] = language

    def get(self, path: str, **options):  # type: ignore[no-untyped-def]
        return self.client.get(path, **options)

    def submit_form(self, page: str, action: str, data: dict[str, str], **options):  # type: ignore[no-untyped-def]
        token = csrf_of(self.client.get(page).text)
        return self.client.post(
            action, data={**data, "csrf_token": token}, follow_redirects=False, **options
        )

    def register(self, username: str = "alice", password: str = PASSWORD):  # type: ignore[no-untyped-def]
        response = self.submit_form(
            "/register", "/register", {"username": username, "password": password}
        )
        assert response.status_code == 303, response.text
        return response

    def submit(self, problem_id: str, code: str):  # type: ignore[no-untyped-def]
        return self.submit_form(
            f"/problems/{problem_id}", f"/problems/{problem_id}/submit", {"code": code}
        )


@pytest.fixture
def browser(client: TestClient) -> Browser:  # noqa: F811 (the imported fixture)
    return Browser(client)
