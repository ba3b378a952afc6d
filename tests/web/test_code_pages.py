"""Code on the pages: highlighted on the server (submissions and statement code blocks), the
"submit again" link and who may load a submission's code into the editor, the editor's assets
and the CSP nonce that lets CodeMirror's <style> element in."""

from __future__ import annotations

import html
import re

from app.web.highlight import python_html
from app.web.statement import render_statement
from tests.web.conftest import PASSWORD, Browser

CODE = "\n\nimport sys\n\n\ndef main():\n    print(sys.stdin.read(), end='')  # echo\n"
TEXTAREA = re.compile(r'<textarea id="code" name="code"[^>]*>(.*?)</textarea>', re.DOTALL)


def _textarea(page: str) -> str:
    match = TEXTAREA.search(page)
    assert match, "the page has no code box"
    return html.unescape(match.group(1))


def _log_in(browser: Browser, username: str) -> None:
    browser.client.cookies.clear()
    response = browser.submit_form("/login", "/login", {"username": username, "password": PASSWORD})
    assert response.status_code == 303


def _submitted(browser: Browser, code: str = "#fake ECHO\n" + CODE, problem: str = "echo") -> int:
    response = browser.submit(problem, code)
    assert response.status_code == 303, response.text
    return int(response.headers["location"].rsplit("/", 1)[1])


def test_python_is_highlighted_with_line_numbers_that_match_the_source() -> None:
    rendered = str(python_html(CODE))
    assert rendered.startswith('<pre class="highlight"><code>')
    numbers = re.findall(r'<span class="lineno">\s*(\d+)</span>', rendered)
    # Leading blank lines are kept: line 6 is `def main():` here as in a traceback.
    assert numbers == [str(n) for n in range(1, 8)]
    line_6 = rendered.split("\n")[5]
    assert '<span class="k">def</span>' in line_6 and '<span class="nf">main</span>' in line_6
    assert (
        '<span class="c1"># echo</span>' in rendered
        and '<span class="kn">import</span>' in rendered
    )


def test_highlighted_code_is_escaped() -> None:
    rendered = str(python_html('s = "</code><script>alert(1)</script>"\n'))
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered


def test_statement_python_blocks_are_highlighted_and_survive_the_sanitizer() -> None:
    text = "# T\n\n```python\nx = torch.ones(3)  # three\n```\n\n```\n1 2 3\n```\n"
    rendered = render_statement(text, "echo")
    assert '<pre class="highlight"><code><span class="lineno">1</span><span class="n">x</span>' in (
        rendered
    )
    assert '<span class="mi">3</span>' in rendered and '<span class="c1"># three</span>' in rendered
    # A block without a language (sample data) stays plain, without line numbers.
    assert "<pre><code>1 2 3\n</code></pre>" in rendered


def test_statement_sanitizer_keeps_only_the_highlighting_classes() -> None:
    raw = (
        '<pre class="highlight evil" style="color:red"><span class="k bad" onclick="a()" '
        'style="position:fixed">if</span><span class="hidden">b</span></pre>'
        '<div class="highlight">c</div><p class="lineno">d</p>'
    )
    rendered = render_statement(raw, "echo")
    assert '<pre class="highlight"><span class="k">if</span><span>b</span></pre>' in rendered
    assert "<div>c</div>" in rendered and "<p>d</p>" in rendered
    assert (
        "style" not in rendered
        and "onclick" not in rendered
        and "evil" not in rendered
        and "bad" not in rendered
    )


def test_submission_page_highlights_the_code_and_links_to_submit_again(browser: Browser) -> None:
    browser.register()
    submission_id = _submitted(browser)
    page = browser.get(f"/submissions/{submission_id}").text
    assert '<pre class="highlight">' in page and '<span class="nf">main</span>' in page
    assert f'href="/problems/echo?from={submission_id}#submit">Submit again</a>' in page


def test_submit_again_loads_the_code_for_its_owner(browser: Browser) -> None:
    browser.register("alice")
    code = "#fake ECHO\n" + CODE
    submission_id = _submitted(browser, code)
    page = browser.get(f"/problems/echo?from={submission_id}").text
    assert _textarea(page) == code
    assert f"The code of submission {submission_id} is loaded below." in page
    # Without the parameter the box is empty (the editor then brings back the browser's draft).
    assert _textarea(browser.get("/problems/echo").text) == ""


def test_submit_again_ignores_someone_elses_submission(browser: Browser, accounts) -> None:
    browser.register("alice")
    secret = "#fake ECHO\n# alice's secret approach\n"
    submission_id = _submitted(browser, secret)

    _log_in(browser, "alice")  # a fresh session of alice: still hers
    assert _textarea(browser.get(f"/problems/echo?from={submission_id}").text) == secret

    browser.client.cookies.clear()
    browser.register("bob")
    page = browser.get(f"/problems/echo?from={submission_id}")
    assert page.status_code == 200
    assert _textarea(page.text) == "" and "secret approach" not in page.text
    assert "is loaded below" not in page.text

    # Anonymous: no form at all, and nothing of the code.
    browser.client.cookies.clear()
    anonymous = browser.get(f"/problems/echo?from={submission_id}")
    assert anonymous.status_code == 200 and "secret approach" not in anonymous.text

    # An administrator may load anyone's code.
    accounts.admin("root")
    _log_in(browser, "root")
    assert _textarea(browser.get(f"/problems/echo?from={submission_id}").text) == secret


def test_submit_again_ignores_another_problem_and_malformed_ids(browser: Browser) -> None:
    browser.register("alice")
    submission_id = _submitted(browser)
    other = browser.get(f"/problems/echo-en?from={submission_id}")
    assert other.status_code == 200 and _textarea(other.text) == ""
    for value in ("abc", "-1", "0", "99999999999", "١", str(submission_id + 100)):
        page = browser.get("/problems/echo", params={"from": value})
        assert page.status_code == 200, value
        assert _textarea(page.text) == ""


def test_editor_script_carries_the_responses_style_nonce(browser: Browser) -> None:
    anonymous = browser.get("/problems/echo")
    assert "/static/editor.js" not in anonymous.text  # no form, no editor
    browser.register()
    first, second = browser.get("/problems/echo"), browser.get("/problems/echo")
    nonces = []
    for page in (first, second):
        policy = page.headers["content-security-policy"]
        nonce = re.search(r"style-src 'self' 'nonce-([A-Za-z0-9_-]{16,})'", policy)[1]
        assert "default-src 'self'" in policy and "unsafe" not in policy
        assert f'<script src="/static/editor.js" nonce="{nonce}" defer></script>' in page.text
        nonces.append(nonce)
    assert nonces[0] != nonces[1]  # one per response


def test_editor_bundle_and_copy_script_are_served(browser: Browser) -> None:
    bundle = browser.get("/static/editor.js")
    assert bundle.status_code == 200 and "javascript" in bundle.headers["content-type"]
    assert bundle.text.startswith("/*! mljudge editor: CodeMirror 6")
    notice = browser.get("/static/editor.js.LICENSE.txt")
    assert notice.status_code == 200 and "@codemirror/view" in notice.text
    assert "MIT" in notice.text
    copy = browser.get("/static/copy.js")
    assert copy.status_code == 200
    page = browser.get("/problems/echo").text
    assert '<script src="/static/copy.js" defer></script>' in page
    assert 'data-copy="sample-1-input"' in page and '<pre id="sample-1-input">' in page
