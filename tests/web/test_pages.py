"""Every page renders real data from the database, and unknown things are 404 pages."""

from __future__ import annotations

from tests.web.conftest import Browser


def test_problem_list_groups_by_section_with_my_best_score(browser: Browser, judge_queued) -> None:
    anonymous = browser.get("/")
    assert anonymous.status_code == 200
    assert "text/html" in anonymous.headers["content-type"]
    html = anonymous.text
    assert html.index("Section 1") < html.index("Echo in English") < html.index("Section 3")
    assert html.index("Section 3") < html.index('href="/problems/echo"')
    assert "My best" not in html

    browser.register()
    browser.submit("echo", "#fake ECHO")
    judge_queued()
    mine = browser.get("/").text
    assert "My best" in mine and '<span class="full-score">100</span>' in mine


def test_problem_page_shows_statement_limits_samples_and_a_form(browser: Browser) -> None:
    page = browser.get("/problems/echo")
    assert page.status_code == 200
    assert "<h1>Echo</h1>" in page.text  # the statement's Markdown heading, rendered
    assert "Print the input." in page.text
    assert "2000 ms" in page.text and "256 MiB" in page.text
    assert "Sample 1" in page.text and '<pre id="sample-1-input">3\n</pre>' in page.text
    assert "Log in</a> or" in page.text and "<textarea" not in page.text

    browser.register()
    assert '<textarea id="code" name="code"' in browser.get("/problems/echo").text


def test_statement_math_is_mathml_and_markup_is_escaped(browser: Browser, problems_dir) -> None:
    from app.web.statement import render_statement

    text = "Let $x^2$ be\n\n$$\\frac{a}{b}$$\n\n<script>alert(1)</script>"
    rendered = render_statement(text, "echo")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in rendered
    assert 'display="block"' in rendered and "<mfrac>" in rendered
    assert "<script" not in rendered and "alert" not in rendered
    # \text{} is copied verbatim by latex2mathml; a "<" in it must still not become a tag.
    assert "<script" not in render_statement(r"$\text{<script>alert(1)</script>}$", "echo")
    # A command latex2mathml does not know shows its source rather than breaking the page.
    unknown = render_statement(r"$\begin{foo}$", "echo")
    assert '<code class="math-source">\\begin{foo}</code>' in unknown


def test_pages_forbid_framing_and_foreign_scripts(browser: Browser) -> None:
    policy = browser.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_statements_follow_the_page_language(browser: Browser) -> None:
    english = browser.get("/problems/echo")
    assert "Print the input." in english.text and "<h1>Echo</h1>" in english.text
    browser.use_language("ja")
    japanese = browser.get("/problems/echo")
    assert "入力をそのまま出力せよ。" in japanese.text
    assert "Echo（日本語）" in japanese.text and '<html lang="ja">' in japanese.text
    assert '<article class="card statement" lang="ja">' in japanese.text
    # No Japanese statement: English, and the page says so (in Japanese).
    fallback = browser.get("/problems/echo-en")
    assert "Print the input." in fallback.text and '<html lang="ja">' in fallback.text
    assert "日本語の問題文がないため、英語の問題文を表示しています" in fallback.text
    assert '<article class="card statement" lang="en">' in fallback.text


def test_leaderboard_ranks_users(browser: Browser, client, judge_queued) -> None:
    assert "No one has been judged yet" in browser.get("/leaderboard").text
    browser.register("alice")
    browser.submit("echo", "#fake ECHO")
    judge_queued()
    page = browser.get("/leaderboard")
    assert page.status_code == 200
    assert "<td>alice</td>" in page.text and '<td class="num">100</td>' in page.text
    assert 'class="me"' in page.text


def test_my_submissions_lists_only_mine_newest_first(
    browser: Browser, accounts, client, judge_queued
) -> None:
    headers = accounts.user("bob")
    client.post("/api/submissions", headers=headers, json={"problem_id": "echo", "code": "x"})
    browser.register("alice")
    assert "not submitted anything yet" in browser.get("/submissions").text
    first = browser.submit("echo", "wrong").headers["location"]
    second = browser.submit("echo-en", "#fake ECHO").headers["location"]
    judge_queued()
    page = browser.get("/submissions").text
    assert "2 submissions" in page
    assert page.index(f'href="{second}"') < page.index(f'href="{first}"')
    assert "verdict-AC" in page and "verdict-WA" in page


def test_pages_that_need_an_account_send_anonymous_visitors_to_log_in(browser: Browser) -> None:
    for path in ("/submissions", "/submissions/1"):
        response = browser.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == f"/login?next={path}"


def test_unknown_problem_and_submission_are_404_pages(browser: Browser) -> None:
    problem = browser.get("/problems/nope")
    assert problem.status_code == 404 and "There is no problem" in problem.text
    assert "text/html" in problem.headers["content-type"]
    browser.register()
    submission = browser.get("/submissions/999999")
    assert submission.status_code == 404 and "There is no submission 999999" in submission.text
    post = browser.submit_form("/problems/echo", "/problems/nope/submit", {"code": "x"})
    assert post.status_code == 404


def test_static_files_are_served(browser: Browser) -> None:
    assert "verdict-AC" in browser.get("/static/style.css").text
    assert "EventSource" in browser.get("/static/submission.js").text
