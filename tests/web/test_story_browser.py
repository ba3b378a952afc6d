"""Stories of the lecture room in Chromium against the embedded service: a student in Japanese
from registering to the leaderboard, a student reading the checker's message of a wrong sample,
and a teacher who uploads a problem, releases its section, watches a student's submission arrive
on the dashboard and rejudges it. Screenshots: test-artifacts/story-*.png."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from app.settings import Settings
from tests.app.fakes import write_problem
from tests.app.test_admin import zip_folder
from tests.web.conftest import SCREENSHOTS, code_box
from tests.web.test_admin_browser import service  # noqa: F401 (the fixture is found by name)
from tests.web.test_browser import live_server, page, page_ja  # noqa: F401 (fixtures)

PASSWORD = "correct-horse-battery"
# What the editor should hold once typed below; each test takes 0.4 s, so progress shows.
TYPED = (
    "#fake SLEEP 0.4\n"
    "import sys\n"
    "def main():\n"
    "    for line in sys.stdin:\n"
    '        print(line, end="")\n'
    "main()"
)


def _register(tab: Page, server: str, username: str, *, japanese: bool = False) -> None:
    tab.goto(f"{server}/register")
    tab.get_by_label("ユーザー名" if japanese else "Username").fill(username)
    tab.get_by_label("パスワード" if japanese else "Password").fill(PASSWORD)
    tab.get_by_role("button", name="アカウントを作成" if japanese else "Create account").click()
    expect(tab.locator(".nav-user")).to_contain_text(username)


def _editor_text(tab: Page) -> str:
    return tab.locator("textarea#code").input_value()  # the editor writes into it


def test_a_student_in_japanese_from_registering_to_the_leaderboard(
    live_server: str,  # noqa: F811 (the imported fixture)
    page_ja: Page,  # noqa: F811
) -> None:
    page = page_ja  # noqa: F811 -- the imported fixture `page` is not used here
    _register(page, live_server, "hanako", japanese=True)
    expect(page.locator("h1")).to_have_text("問題一覧")
    page.get_by_role("link", name="Echo the derivative（日本語）").click()
    expect(page.locator("#submit")).to_have_text("提出")

    page.get_by_label("解答 (Python)").click()  # the label names the editor's content
    keyboard = page.keyboard
    for line in ("#fake SLEEP 0.4", "import sys", "def main():"):
        keyboard.type(line)
        keyboard.press("Enter")
    # Inside the def the editor indents by itself; Shift+Tab takes it back, Tab puts it again.
    keyboard.press("Shift+Tab")
    assert _editor_text(page).endswith("def main():\n")
    keyboard.press("Tab")
    assert _editor_text(page).endswith("def main():\n    ")
    keyboard.type("for line in sys.stdin:")
    keyboard.press("Enter")
    keyboard.type('print(line, end="")')
    keyboard.press("Enter")
    keyboard.press("Shift+Tab")
    keyboard.press("Shift+Tab")
    keyboard.type("main()")
    assert _editor_text(page) == TYPED
    page.screenshot(path=str(SCREENSHOTS / "story-student-editor-ja.png"), full_page=True)

    keyboard.press("Control+Enter")
    page.wait_for_url("**/submissions/*")
    # Progress: queued or being judged first, in Japanese, then the verdict without a reload.
    expect(page.locator("#status")).to_have_text(re.compile("判定待ち|判定中"))
    expect(page.locator("#verdict .verdict-pending")).to_be_visible()
    expect(page.locator("#verdict .verdict-AC")).to_be_visible(timeout=15_000)
    expect(page.locator("#status")).to_have_text("判定済み")
    expect(page.locator("#score")).to_have_text("100")
    celebration = page.locator("#celebration")
    expect(celebration).to_be_visible()
    expect(celebration).to_contain_text("この問題で初めての正解です。おめでとうございます！")
    page.screenshot(path=str(SCREENSHOTS / "story-student-ac-ja.png"), full_page=True)

    page.get_by_role("link", name="順位表").click()
    expect(page.locator("h1")).to_have_text("順位表")
    me = page.locator("tr.me")
    expect(me).to_have_count(1)
    expect(me).to_contain_text("hanako")
    expect(me).to_contain_text("100")
    page.screenshot(path=str(SCREENSHOTS / "story-student-leaderboard-ja.png"), full_page=True)


def test_a_student_reads_the_checkers_message_of_a_wrong_sample(
    live_server: str,  # noqa: F811 (the imported fixture)
    page: Page,  # noqa: F811
) -> None:
    _register(page, live_server, "bob")
    page.goto(f"{live_server}/problems/echo")
    # Right only on the hidden tests' inputs (5 and 8): the sample (input 3) gets "wrong".
    code_box(page).fill("#fake ONLY 5 8\nprint(input())\n")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/submissions/*")
    expect(page.locator("#verdict .verdict-WA")).to_be_visible(timeout=15_000)
    sample = page.locator("#tests tr", has=page.locator(".tag", has_text="sample"))
    expect(sample).to_have_count(1)
    expect(sample.locator(".verdict-WA")).to_be_visible()
    expect(sample.locator("td.message")).to_have_text("token 1: expected '3', got 'wrong'")
    # Hidden tests say only their verdict: no message gives their data away.
    hidden = page.locator("#tests tr", has_text="hidden")
    expect(hidden).to_have_count(2)
    for row in hidden.all():
        expect(row.locator("td.message")).to_have_text("")
    expect(page.locator('#verdict-help [data-verdict="WA"]')).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "story-student-wa-sample-en.png"), full_page=True)


def test_a_teacher_releases_an_uploaded_problem_watches_and_rejudges(
    service: tuple[str, Settings],  # noqa: F811 (the imported fixture)
    chromium: Browser,
    tmp_path: Path,
) -> None:
    base, _settings = service
    package = write_problem(tmp_path / "src", "week2", title="Week two echo", section=2)
    archive = tmp_path / "week2.zip"
    archive.write_bytes(zip_folder(package, prefix="week2"))
    teacher = chromium.new_page(viewport={"width": 1280, "height": 900}, locale="en-US")
    student = chromium.new_page(viewport={"width": 1100, "height": 900}, locale="en-US")

    teacher.goto(f"{base}/login")
    teacher.get_by_label("Username").fill("teacher")
    teacher.get_by_label("Password").fill(PASSWORD)
    teacher.get_by_role("button", name="Log in").click()
    teacher.get_by_role("link", name="Admin").click()
    # Lecture 1 is on: sections up to 1 are open to students.
    teacher.get_by_label("Current section").select_option("1")
    teacher.get_by_role("button", name="Open sections up to this one").click()
    expect(teacher.get_by_label("Current section")).to_have_value("1")

    teacher.get_by_label("Problem zip").set_input_files(str(archive))
    teacher.get_by_role("button", name="Upload and validate").click()
    expect(teacher.locator("#upload-result")).to_contain_text("Uploaded week2: version")
    row = teacher.locator('tr[data-problem="week2"]')
    expect(row.locator(".state")).to_have_text("closed")

    _register(student, base, "alice")
    expect(student.get_by_role("link", name="Week two echo")).to_have_count(0)
    assert student.goto(f"{base}/problems/week2").status == 404  # section 2 is not out yet

    # Lecture 2 begins: its section is released.
    teacher.get_by_label("Current section").select_option("2")
    teacher.get_by_role("button", name="Open sections up to this one").click()
    expect(row.locator(".state")).to_have_text("open")
    teacher.screenshot(path=str(SCREENSHOTS / "story-teacher-released-en.png"), full_page=True)
    teacher.get_by_role("link", name="Dashboard").click()
    board_row = teacher.locator('tr[data-problem="week2"]')
    expect(board_row.locator(".tried")).to_have_text("0")
    expect(teacher.locator("#auto-reload")).to_be_checked()  # it reloads itself meanwhile

    student.goto(f"{base}/")
    student.get_by_role("link", name="Week two echo").click()
    code_box(student).fill("#fake SLEEP 0.3\nprint(input())\n")
    student.get_by_role("button", name="Submit").click()
    student.wait_for_url("**/submissions/*")
    submission_id = student.url.rsplit("/", 1)[1]
    expect(student.locator("#verdict .verdict-AC")).to_be_visible(timeout=15_000)

    teacher.reload()
    expect(board_row.locator(".tried")).to_have_text("1")
    expect(board_row.locator(".solved")).to_have_text("1")
    teacher.screenshot(path=str(SCREENSHOTS / "story-teacher-dashboard-en.png"), full_page=True)

    # Rejudged from the list of all submissions, which it comes back to with the row queued.
    teacher.get_by_role("link", name="Admin").click()
    teacher.get_by_role("link", name="All submissions").click()
    teacher.get_by_label("Problem").fill("week2")
    teacher.get_by_role("button", name="Filter").click()
    listed = teacher.locator(f'tr[data-submission="{submission_id}"]')
    expect(listed).to_contain_text("alice")
    expect(listed.locator(".verdict-AC")).to_be_visible()
    listed.get_by_role("button", name=f"Rejudge submission {submission_id}").click()
    teacher.wait_for_url("**/admin/submissions?*problem=week2*")
    expect(listed.locator(".verdict-pending")).to_be_visible()  # three tests of 0.3 s
    listed.get_by_role("link", name=submission_id, exact=True).click()
    expect(teacher.locator("#verdict .verdict-AC")).to_be_visible(timeout=15_000)
    expect(teacher.locator("#score")).to_have_text("100")

    teacher.goto(f"{base}/admin/audit")
    actions = teacher.locator("#audit tbody tr")
    expect(actions.first).to_contain_text("submissions.rejudge")
    expect(teacher.locator("#audit")).to_contain_text("problems.upload")
    expect(teacher.locator("#audit")).to_contain_text("sections.current")
