"""One real browser (Debian's Chromium, driven by Playwright) against the embedded service over
HTTP: register, open a problem, submit, and watch the verdict arrive without reloading; and the
pages in Japanese, switched to English and back. Screenshots go to test-artifacts/.

Chromium and a CJK font are part of the test setup (`make setup` installs chromium and
fonts-noto-cjk): without them these tests fail."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect

from app import migrate
from app.main import create_app
from app.settings import Settings
from tests.app.fakes import FakeRunner, write_problem
from tests.web.conftest import SCREENSHOTS, code_box

STATEMENT = """# Derivative

Compute $\\dfrac{dy}{dx}$ for

$$y = x^2 + 2x + 1$$

at $x = 3$. Print the **input** back.
"""

PARTIAL_STATE_WATCHER = """() => {
  window.partialSeen = false;
  const check = () => {
    if (document.querySelectorAll("#tests tr").length >= 1
        && !document.querySelector("#verdict .verdict-AC")) window.partialSeen = true;
  };
  check();
  new MutationObserver(check).observe(document.body, {subtree: true, childList: true});
}"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[str]:
    """The embedded service (SQLite file, judging threads, fake runner) on a free port."""
    problems = tmp_path / "problems"
    folder = write_problem(problems, "echo", title="Echo the derivative", section=2)
    (folder / "statement.md").write_text(STATEMENT)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'browser.db'}",
        problems_dir=problems,
        workers=1,
        sweep_interval_s=0,
    )
    migrate.upgrade(settings.database_url)
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
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(chromium: Browser) -> Page:
    """A browser that prefers English (its Accept-Language says so)."""
    return chromium.new_page(viewport={"width": 1100, "height": 900}, locale="en-US")


@pytest.fixture
def page_ja(chromium: Browser) -> Page:
    """A browser set up in Japanese, as the lecture room's are."""
    japanese = subprocess.run(
        ["fc-list", ":lang=ja", "family"], capture_output=True, text=True, check=False
    ).stdout
    assert japanese.strip(), "no Japanese font: run `make setup` (apt-get install fonts-noto-cjk)"
    return chromium.new_page(viewport={"width": 1100, "height": 900}, locale="ja-JP")


def test_register_submit_and_watch_the_verdict_arrive(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/register")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".nav-user")).to_contain_text("alice")

    page.get_by_role("link", name="Echo the derivative").click()
    expect(page.locator("h1").first).to_have_text("Echo the derivative")
    expect(page.locator(".statement math[display=block]")).to_have_count(1)
    page.screenshot(path=str(SCREENSHOTS / "mljudge-web-problem.png"), full_page=True)

    # Each of the three tests takes 0.4 s, so the page opens while judging is under way.
    code_box(page).fill("#fake SLEEP 0.4\nprint(input())\n")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/submissions/*")
    expect(page.locator("#verdict .verdict-pending")).to_be_visible()
    # Note whether a partial state ever shows: some tests in, no verdict yet. (The page's CSP
    # forbids eval, so this is an observer installed once rather than a polled expression.)
    page.evaluate(PARTIAL_STATE_WATCHER)
    expect(page.locator("#verdict .verdict-AC")).to_be_visible(timeout=15_000)
    expect(page.locator("#score")).to_have_text("100")
    expect(page.locator("#status")).to_have_text("done")
    expect(page.locator("#tests tr")).to_have_count(3)
    expect(page.locator("#tests tr").nth(1)).to_contain_text("hidden")
    assert page.evaluate("window.partialSeen") is True  # and the page was never reloaded
    page.screenshot(path=str(SCREENSHOTS / "mljudge-web-submission.png"), full_page=True)

    # On a phone-sized screen the list stays one readable column, my score included.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server}/")
    expect(page.locator("td.num .full-score")).to_have_text("100")
    page.screenshot(path=str(SCREENSHOTS / "mljudge-web-problems-mobile.png"), full_page=True)


def test_a_student_in_japanese_and_the_language_switch(live_server: str, page_ja: Page) -> None:
    page = page_ja
    page.goto(f"{live_server}/register")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.get_by_label("ユーザー名").fill("hanako")
    page.get_by_label("パスワード").fill("correct-horse-battery")
    page.get_by_role("button", name="アカウントを作成").click()
    expect(page.locator(".nav-user")).to_have_text("hanako でログイン中")
    expect(page.locator("h1")).to_have_text("問題一覧")

    page.get_by_role("link", name="Echo the derivative（日本語）").click()
    expect(page.locator("#submit")).to_have_text("提出")
    expect(page.locator(".limits")).to_contain_text("実行時間制限")
    page.screenshot(path=str(SCREENSHOTS / "mljudge-web-problem-ja.png"), full_page=True)

    # The switch in the header: English, on the same page, remembered on the next one.
    url = page.url
    page.get_by_role("button", name="English").click()
    page.wait_for_url(url)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("#submit")).to_have_text("Submit")
    page.goto(f"{live_server}/leaderboard")
    expect(page.locator("h1")).to_have_text("Leaderboard")
    page.get_by_role("button", name="日本語").click()
    expect(page.locator("h1")).to_have_text("順位表")
    page.screenshot(path=str(SCREENSHOTS / "mljudge-web-leaderboard-ja.png"), full_page=True)
