"""Every page in Chromium, in Japanese and English: at phone width (375×812) nothing overflows
sideways, axe-core (vendored, tests/web/vendor/) finds no serious or critical accessibility
violation, and a screenshot of each page at phone and desktop width is saved as
test-artifacts/<page>-<lang>-<width>.png."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.web.conftest import SCREENSHOTS
from tests.web.test_admin_browser import student_submits
from tests.web.test_browser import live_server  # noqa: F401 (the fixture is found by name)
from tests.web.test_dashboard_browser import PASSWORD, make_admin

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
LOCALES = {"ja": "ja-JP", "en": "en-US"}
# Who looks at each page: nobody signed in, the student (alice) or the teacher.
PAGES: list[tuple[str, str, str]] = [
    ("login", "anonymous", "/login"),
    ("register", "anonymous", "/register"),
    ("problems", "student", "/"),
    ("problem", "student", "/problems/echo"),
    ("submission", "student", "/submissions/{submission}"),
    ("my-submissions", "student", "/submissions"),
    ("leaderboard", "student", "/leaderboard"),
    ("runtime", "student", "/runtime"),
    ("admin-problems", "teacher", "/admin/problems"),
    ("admin-users", "teacher", "/admin/users"),
    ("admin-submissions", "teacher", "/admin/submissions"),
    ("admin-audit", "teacher", "/admin/audit"),
    ("dashboard", "teacher", "/admin/dashboard"),
]
OVERFLOW = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# What overflows, to say in the failure which elements stick out on the right.
WIDE_ELEMENTS = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className
      ? '.' + e.className.replace(/ /g, '.') : ''))"""
AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
}"""


def _sign_in(page: Page, server: str, username: str) -> None:
    page.goto(f"{server}/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form.stacked button[type=submit]").click()
    expect(page.locator(".nav-user")).to_contain_text(username)


@pytest.fixture
def contexts(
    live_server: str,  # noqa: F811 (the imported fixture)
    chromium: Browser,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> Iterator[tuple[str, dict[str, BrowserContext], int]]:
    """One browser context per viewer in the test's language, with alice's judged submission.

    bypass_csp: axe-core is injected by the test as an inline <script>, which the pages' strict
    CSP (script-src 'self' with a nonce) rightly refuses; the test's own contexts lift the CSP so
    that only the test's script gets in (tests/web/test_editor_browser.py checks the CSP)."""
    language = request.param
    make_admin(tmp_path)
    submission = student_submits(live_server, "#fake ECHO\nprint(input())\n")
    made: dict[str, BrowserContext] = {}
    for viewer in ("anonymous", "student", "teacher"):
        context = chromium.new_context(viewport=DESKTOP, locale=LOCALES[language], bypass_csp=True)
        made[viewer] = context
        if viewer != "anonymous":
            _sign_in(context.new_page(), live_server, "alice" if viewer == "student" else "teacher")
    judged = made["student"].new_page()
    judged.goto(f"{live_server}/submissions/{submission}")
    expect(judged.locator("#verdict .verdict-AC")).to_be_visible(timeout=15_000)
    judged.close()
    yield language, made, submission
    for context in made.values():
        context.close()


@pytest.mark.parametrize("contexts", ["ja", "en"], indirect=True)
def test_every_page_fits_a_phone_passes_axe_and_is_photographed(
    live_server: str,  # noqa: F811 (the imported fixture)
    contexts: tuple[str, dict[str, BrowserContext], int],
) -> None:
    language, by_viewer, submission = contexts
    overflowing: dict[str, object] = {}
    violations: dict[str, object] = {}
    for name, viewer, path in PAGES:
        page = by_viewer[viewer].new_page()
        page.goto(live_server + path.format(submission=submission))
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("main#main")).to_be_visible()
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{language}-1280.png"), full_page=True)

        page.add_script_tag(path=str(AXE))
        found = page.evaluate(AXE_RUN)
        bad = [v for v in found if v["impact"] in ("serious", "critical")]
        if bad:
            violations[name] = bad

        page.set_viewport_size(PHONE)
        page.wait_for_timeout(50)  # one layout at the new width
        scroll_width, inner_width = page.evaluate(OVERFLOW)
        if scroll_width > inner_width:
            overflowing[name] = (scroll_width, page.evaluate(WIDE_ELEMENTS))
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{language}-375.png"), full_page=True)
        page.close()
    assert overflowing == {}, json.dumps(overflowing, indent=1)
    assert violations == {}, json.dumps(violations, indent=1, ensure_ascii=False)
