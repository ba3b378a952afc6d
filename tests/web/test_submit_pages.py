"""Submitting through the form, and reading a submission as the API shows it."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from app.submissions.models import Submission
from tests.web.conftest import Browser


def test_submit_creates_a_submission_and_redirects_to_it(
    browser: Browser, dispatcher, session_factory, judge_queued
) -> None:
    browser.register()
    response = browser.submit("echo", "#fake ECHO\nprint(input())\n")
    assert response.status_code == 303
    submission_id = int(re.fullmatch(r"/submissions/(\d+)", response.headers["location"])[1])
    assert dispatcher.enqueued == [submission_id]
    with session_factory() as session:
        stored = session.get(Submission, submission_id)
        assert stored.code == "#fake ECHO\nprint(input())\n" and stored.problem_id == "echo"

    queued = browser.get(f"/submissions/{submission_id}")
    assert "queued" in queued.text and "/static/submission.js" in queued.text
    judge_queued()
    done = browser.get(f"/submissions/{submission_id}")
    assert 'verdict-AC" title="Accepted">AC' in done.text
    assert '<span id="score">100</span> / 100' in done.text
    assert "/static/submission.js" not in done.text  # nothing left to follow live
    # the code, highlighted on the server, line by line
    assert '<span class="lineno">2</span><span class="nb">print</span>' in done.text


def test_submit_by_file_upload(browser: Browser, session_factory) -> None:
    browser.register()
    token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/problems/echo").text)[1]
    response = browser.client.post(
        "/problems/echo/submit",
        data={"csrf_token": token, "code": ""},
        files={"file": ("solution.py", b"#fake ECHO\n", "text/x-python")},
        follow_redirects=False,
    )
    assert response.status_code == 303
    with session_factory() as session:
        assert session.scalars(select(Submission.code)).all() == ["#fake ECHO\n"]


def test_bad_submissions_rerender_the_form_keeping_the_code(browser: Browser, settings) -> None:
    browser.register()
    empty = browser.submit("echo", "   \n")
    assert empty.status_code == 422 and "Write your solution" in empty.text

    huge = "#" + "x" * settings.max_code_bytes
    too_large = browser.submit("echo", huge)
    assert too_large.status_code == 413 and "larger than 64 KiB" in too_large.text
    assert huge in too_large.text

    code = "print('<b>kept</b>')  # unsent"
    forged = browser.client.post(
        "/problems/echo/submit", data={"code": code, "csrf_token": "forged"}
    )
    assert forged.status_code == 403 and "form expired" in forged.text
    assert "print(&#39;&lt;b&gt;kept&lt;/b&gt;&#39;)  # unsent" in forged.text  # escaped, not lost


def test_rate_limit_rerenders_with_retry_after(browser: Browser, settings) -> None:
    browser.register()
    for _ in range(settings.submission_rate_count):
        assert browser.submit("echo", "#fake ECHO").status_code == 303
    limited = browser.submit("echo", "#fake ECHO  # one more")
    assert limited.status_code == 429 and "try again in" in limited.text
    assert int(limited.headers["Retry-After"]) >= 1
    assert "#fake ECHO  # one more" in limited.text


def test_anonymous_submit_goes_to_login(browser: Browser) -> None:
    browser.get("/problems/echo")
    token = browser.client.cookies.get("mljudge_csrf")
    assert token
    response = browser.client.post(
        "/problems/echo/submit", data={"code": "x", "csrf_token": "x"}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/problems/echo"


def test_hidden_tests_are_redacted_like_the_api(browser: Browser, accounts, judge_queued) -> None:
    browser.register("alice")
    submission_id = browser.submit("echo", "wrong").headers["location"].rsplit("/", 1)[1]
    judge_queued()
    page = browser.get(f"/submissions/{submission_id}").text
    api = browser.client.get(
        f"/api/submissions/{submission_id}",
        headers={"Authorization": f"Bearer {browser.client.cookies.get('mljudge_session')}"},
    ).json()
    hidden = [t for t in api["tests"] if not t["sample"]]
    assert hidden and all(t["name"] is None and t["message"] is None for t in hidden)
    rows = _test_rows(page)
    assert len(rows) == len(api["tests"]) == 3
    for cells, test in zip(rows, api["tests"], strict=True):
        if test["sample"]:
            assert cells[1] == f'{test["name"]} <span class="tag">sample</span>'
            assert html.unescape(cells[6]) == test["message"]
        else:
            assert cells[1] == '<span class="muted">hidden</span>'
            assert cells[3] == "–" and cells[6] == ""  # no score, no message

    # An administrator sees every name and message.
    browser.client.cookies.clear()
    accounts.admin("root")
    browser.submit_form(
        "/login", "/login", {"username": "root", "password": "correct-horse-battery"}
    )
    admin_rows = _test_rows(browser.get(f"/submissions/{submission_id}").text)
    assert [cells[1] for cells in admin_rows[1:]] == ["2", "3"]
    assert [cells[3] for cells in admin_rows] == ["0", "0", "0"]


def _test_rows(page: str) -> list[list[str]]:
    """The cells of each row of the tests table, as HTML."""
    rows = re.findall(r'<tr data-position="\d+">(.*?)</tr>', page, re.DOTALL)
    return [[c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)] for row in rows]


def test_someone_elses_submission_is_forbidden(browser: Browser, accounts, client) -> None:
    headers = accounts.user("bob")
    theirs = client.post(
        "/api/submissions", headers=headers, json={"problem_id": "echo", "code": "secret"}
    ).json()["id"]
    browser.register("alice")
    page = browser.get(f"/submissions/{theirs}")
    assert page.status_code == 403 and "secret" not in page.text
    assert browser.get(f"/submissions/{theirs}/events").status_code == 403


def test_page_events_stream_with_the_session_cookie(browser: Browser, judge_queued) -> None:
    assert browser.get("/submissions/1/events").status_code == 401
    browser.register()
    submission_id = browser.submit("echo", "#fake ECHO").headers["location"].rsplit("/", 1)[1]
    judge_queued()
    with browser.client.stream("GET", f"/submissions/{submission_id}/events") as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        names = [line[7:] for line in stream.iter_lines() if line.startswith("event: ")]
    assert names == ["test", "test", "test", "done"]
    assert browser.get("/submissions/999999/events").status_code == 404
