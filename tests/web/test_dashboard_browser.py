"""In Chromium: a teacher watches the dashboard while a student's submission arrives; the
student sees the celebration of a first AC once (and without motion when asked for less)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from app.auth import service as auth
from app.db import make_engine, make_sessionmaker, transaction
from tests.web.conftest import SCREENSHOTS, code_box
from tests.web.test_browser import live_server  # noqa: F401 (the fixture is found by name)

PASSWORD = "correct-horse-battery"
SOLUTION = "#fake ECHO\nprint(input())\n"


def make_admin(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'browser.db'}")  # the live server's database
    try:
        with transaction(make_sessionmaker(engine)) as session:
            auth.create_user(session, "teacher", PASSWORD, is_admin=True)
    finally:
        engine.dispose()


def submit_and_wait(student: Page, server: str) -> None:
    student.goto(f"{server}/problems/echo")
    code_box(student).fill(SOLUTION)
    student.get_by_role("button", name="Submit").click()
    student.wait_for_url("**/submissions/*")
    expect(student.locator("#verdict .verdict-AC")).to_be_visible(timeout=15_000)


def test_a_submission_arrives_on_the_dashboard_and_the_first_ac_is_celebrated_once(
    live_server: str,  # noqa: F811 (the imported fixture)
    chromium: Browser,
    tmp_path: Path,
) -> None:
    make_admin(tmp_path)
    teacher = chromium.new_page(viewport={"width": 1280, "height": 900})
    teacher.goto(f"{live_server}/login")
    teacher.get_by_label("Username").fill("teacher")
    teacher.get_by_label("Password").fill(PASSWORD)
    teacher.get_by_role("button", name="Log in").click()
    teacher.get_by_role("link", name="Dashboard").click()
    row = teacher.locator('tr[data-problem="echo"]')
    expect(row.locator(".tried")).to_have_text("0")
    expect(teacher.locator("#activity-total")).to_contain_text("0 submissions")
    expect(teacher.locator("#judging-status")).to_contain_text("Judging works")

    student = chromium.new_page(viewport={"width": 1100, "height": 900})
    student.goto(f"{live_server}/register")
    student.get_by_label("Username").fill("alice")
    student.get_by_label("Password").fill(PASSWORD)
    student.get_by_role("button", name="Create account").click()
    submit_and_wait(student, live_server)
    # Shown live, when the AC arrives, with what the verdict means.
    expect(student.locator("#celebration")).to_be_visible()
    expect(student.locator("#celebration")).to_contain_text("first AC")
    expect(student.locator('#verdict-help [data-verdict="AC"]')).to_be_visible()
    first_ac = student.url
    student.screenshot(path=str(SCREENSHOTS / "mljudge-web-first-ac.png"), full_page=True)

    # The teacher's page reloads itself every 20 s; reloading now shows the same.
    teacher.reload()
    expect(row.locator(".tried")).to_have_text("1")
    expect(row.locator(".solved")).to_have_text("1")
    expect(teacher.locator("#activity-total")).to_contain_text("1 submission, 1 accepted")
    expect(teacher.locator("#problem-echo .attempts-table")).to_contain_text("1")
    assert teacher.locator("svg.chart-activity rect.bar-part").count() == 1
    teacher.screenshot(path=str(SCREENSHOTS / "mljudge-web-dashboard.png"), full_page=True)

    # A second AC on the same problem: no celebration.
    submit_and_wait(student, live_server)
    expect(student.locator("#celebration")).to_have_count(0)

    # With reduced motion the first AC's message stays and the confetti does not fall.
    student.emulate_media(reduced_motion="reduce")
    student.goto(first_ac)
    expect(student.locator(".celebration-text")).to_be_visible()
    expect(student.locator(".confetti")).to_be_hidden()


def test_the_dashboard_reloads_itself_until_its_box_is_unticked(
    live_server: str,  # noqa: F811 (the imported fixture)
    chromium: Browser,
    tmp_path: Path,
) -> None:
    make_admin(tmp_path)
    teacher = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="en-US")
    teacher.clock.install()  # the page's timers run when the test moves this clock on
    teacher.goto(f"{live_server}/login")
    teacher.get_by_label("Username").fill("teacher")
    teacher.get_by_label("Password").fill(PASSWORD)
    teacher.get_by_role("button", name="Log in").click()
    teacher.goto(f"{live_server}/admin/dashboard")
    box = teacher.get_by_label("Reload this page every 20 seconds")
    expect(box).to_be_checked()
    with teacher.expect_navigation():
        teacher.clock.fast_forward(21_000)
    expect(box).to_be_checked()

    box.uncheck()
    teacher.evaluate("() => { window.stillHere = true; }")
    teacher.clock.fast_forward(120_000)
    assert teacher.evaluate("() => window.stillHere") is True  # not reloaded
