"""The problem page's editor in a real browser (Debian's Chromium through Playwright): typing with
Tab and Shift-Tab, auto-indent, bracket matching, Ctrl+Enter to submit, the draft across reloads,
"submit again", the samples' copy buttons, and the plain textarea without JavaScript. The page's
strict CSP must not refuse anything (CodeMirror's <style> element comes in by the nonce)."""

from __future__ import annotations

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    expect,
)

from tests.web.conftest import SCREENSHOTS
from tests.web.test_browser import live_server  # noqa: F401 (the fixture is found by name)

PASSWORD = "correct-horse-battery"
SOLUTION = (
    "#fake ECHO\n"
    "import sys\n"
    "def main():\n"
    "    for line in sys.stdin:\n"
    '        print(line, end="")\n'
    "main()"
)


class Console:
    """Every console message and page error of a page, to assert that the CSP refused nothing."""

    def __init__(self, page: Page):
        self.messages: list[str] = []
        page.on("console", self._message)
        page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))

    def _message(self, message: ConsoleMessage) -> None:
        self.messages.append(f"{message.type}: {message.text}")

    def csp_violations(self) -> list[str]:
        return [m for m in self.messages if "Content Security Policy" in m or "Refused to" in m]


def _register(page: Page, server: str, username: str = "alice") -> None:
    page.goto(f"{server}/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".nav-user")).to_contain_text(username)


def _editor_text(page: Page) -> str:
    # The editor writes every change back into the (hidden) textarea the form posts.
    return page.locator("textarea#code").input_value()


def test_editor_types_python_with_tab_indentation_and_submits_with_ctrl_enter(
    live_server: str,  # noqa: F811 (the imported fixture)
    chromium: Browser,
) -> None:
    context = chromium.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    console = Console(page)
    _register(page, live_server)
    page.goto(f"{live_server}/problems/echo")

    editor = page.locator(".cm-editor")
    expect(editor).to_be_visible()
    expect(page.locator("textarea#code")).to_be_hidden()
    expect(page.locator("#editor-help")).to_be_visible()
    # CodeMirror's own styles are in force (a refused <style> would leave the gutter a block).
    assert editor.locator(".cm-gutters").evaluate("e => getComputedStyle(e).display") == "flex"
    content = page.get_by_label("Your Python solution")  # the label names the editor
    content.click()

    keyboard = page.keyboard
    keyboard.type("#fake ECHO")
    keyboard.press("Enter")
    keyboard.type("import sys")
    keyboard.press("Enter")
    keyboard.type("def main():")
    keyboard.press("Enter")  # auto-indent: four spaces inside the def
    keyboard.press("Shift+Tab")
    assert _editor_text(page).endswith("def main():\n")
    keyboard.press("Tab")
    assert _editor_text(page).endswith("def main():\n    ")
    keyboard.type("for line in sys.stdin:")
    keyboard.press("Enter")  # eight spaces inside the for
    keyboard.type('print(line, end="")')
    keyboard.press("Enter")
    keyboard.press("Shift+Tab")
    keyboard.press("Shift+Tab")
    keyboard.type("main()")
    assert _editor_text(page) == SOLUTION
    # The cursor stands after ")": both brackets are marked, and the code is highlighted.
    expect(editor.locator(".cm-matchingBracket")).to_have_count(2)
    expect(editor.locator(".cm-gutterElement", has_text="6")).to_be_visible()
    keyword = editor.locator(".cm-line span", has_text="import").first
    assert keyword.evaluate("e => getComputedStyle(e).color") == "rgb(0, 51, 179)"
    page.screenshot(path=str(SCREENSHOTS / "mljudge-web-editor.png"), full_page=True)

    # The draft survives a reload.
    page.wait_for_timeout(400)  # the draft is saved 300 ms after the last change
    page.reload()
    expect(page.locator(".cm-content")).to_contain_text("for line in sys.stdin:")
    assert _editor_text(page) == SOLUTION

    # Ctrl+Enter submits the form, with the editor's text in it.
    page.locator(".cm-content").click()
    keyboard.press("Control+Enter")
    page.wait_for_url("**/submissions/*")
    expect(page.locator("#verdict .verdict-AC")).to_be_visible(timeout=15_000)
    code = page.locator("pre.highlight")
    expect(code.locator(".kn", has_text="import")).to_be_visible()
    expect(code.locator(".lineno")).to_have_count(6)

    # "Submit again" opens the editor with that code; the draft was kept as well.
    page.get_by_role("link", name="Submit again").click()
    page.wait_for_url("**/problems/echo?from=*")
    expect(page.locator(".cm-content")).to_contain_text('print(line, end="")')
    assert _editor_text(page) == SOLUTION
    page.goto(f"{live_server}/problems/echo")
    expect(page.locator(".cm-content")).to_contain_text("def main():")

    # A sample's copy button copies its text.
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    copy = page.locator('button[data-copy="sample-1-input"]')
    copy.click()
    expect(copy).to_have_text("Copied")
    sample = page.locator("#sample-1-input").text_content()
    assert page.evaluate("navigator.clipboard.readText()") == sample

    assert console.csp_violations() == [], console.messages
    context.close()


def test_without_javascript_the_textarea_is_the_editor(
    live_server: str,  # noqa: F811 (the imported fixture)
    chromium: Browser,
) -> None:
    context: BrowserContext = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    console = Console(page)
    _register(page, live_server, "bob")
    page.goto(f"{live_server}/problems/echo")
    expect(page.locator(".cm-editor")).to_have_count(0)
    expect(page.locator("#editor-help")).to_be_hidden()
    expect(page.locator("button[data-copy]").first).to_be_hidden()  # copying needs the script
    box = page.get_by_label("Your Python solution")
    expect(box).to_be_visible()
    box.fill("#fake ECHO\nprint(input())\n")
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/submissions/*")
    # No live updates without a script: the verdict is there after a reload once judged.
    expect(page.locator("pre.highlight .nb", has_text="print")).to_be_visible()
    assert console.csp_violations() == [], console.messages
    context.close()
