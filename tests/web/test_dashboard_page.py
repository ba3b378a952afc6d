"""The teacher's dashboard page: admins only, the API's numbers as SVG charts with tables."""

from __future__ import annotations

import re

from tests.app.test_dashboard import a_room
from tests.web.conftest import PASSWORD, Browser


def login(browser: Browser, username: str) -> None:
    response = browser.submit_form("/login", "/login", {"username": username, "password": PASSWORD})
    assert response.status_code == 303, response.text


def text_of(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_the_dashboard_shows_the_rooms_numbers(browser: Browser, client, accounts, judge_queued):
    a_room(client, accounts, judge_queued)
    login(browser, "root")
    response = browser.get("/admin/dashboard")
    assert response.status_code == 200
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page = response.text
    # Strict CSP: no inline style or script anywhere, the charts included.
    assert " style=" not in page and "<style" not in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/dashboard.js" defer>']
    # Reloaded by that script while its box is ticked, not by a <meta> refresh (WCAG 2.2.1).
    assert 'http-equiv="refresh"' not in page
    assert 'id="auto-reload" data-seconds="20" checked' in page
    assert '<a href="/admin/dashboard">Dashboard</a>' in page  # in the admin's navigation

    row = re.search(r'<tr data-problem="echo">(.*?)</tr>', page, re.DOTALL)
    assert row
    assert re.search(r'class="num tried">5<', row.group(1))
    assert re.search(r'class="num solved">3<', row.group(1))
    # Every chart is an image named by its title, and its numbers are in a table too.
    assert re.search(
        r'<svg class="chart chart-verdicts"[^>]*role="img"[^>]*>'
        r"<title[^>]*>Verdicts of Echo: AC 4, WA 2, TLE 1, RE 1</title>",
        row.group(1),
    )
    assert page.count('role="img"') == page.count("<svg") == 2 + 1 + 2  # bars, activity, echo
    assert "9 submissions, 4 accepted; at most 9 in one minute." in page

    echo = re.search(r'<section [^>]*id="problem-echo".*?</section>', page, re.DOTALL)
    assert echo and "problem-echo-en" not in page  # no card for a problem nobody tried
    card = echo.group(0)
    verdicts = dict(re.findall(r'<tr data-verdict="(\w+)">.*?<td class="num">(\d+)</td>', card))
    assert verdicts == {
        "AC": "4",
        "WA": "2",
        "TLE": "1",
        "MLE": "0",
        "RE": "1",
        "OLE": "0",
        "IE": "0",
    }
    attempts = re.search(r'<table class="attempts-table">(.*?)</table>', card, re.DOTALL)
    assert text_of(attempts.group(1)) == "Submissions Students 1 1 2 1 3 1"
    assert "Median: 2 (1 means the first try)." in card
    failing = re.search(r'<table class="failing-table">(.*?)</table>', card, re.DOTALL)
    assert text_of(failing.group(1)) == (
        "Test Kind Failed Judged 2 hidden 4 8 3 hidden 4 8 1 sample 3 8"
    )
    assert "2 (hidden)" in card and "1 (sample)" in card  # the chart's labels


def test_an_empty_room(browser: Browser, accounts):
    accounts.admin("root")
    login(browser, "root")
    page = browser.get("/admin/dashboard").text
    assert "0 submissions, 0 accepted" in page and "No submissions in the last two hours." in page
    assert 'id="problem-' not in page


def test_only_administrators_see_the_dashboard(browser: Browser):
    response = browser.get("/admin/dashboard", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/admin/dashboard"
    browser.register("alice")
    response = browser.get("/admin/dashboard")
    assert response.status_code == 403 and "for administrators" in response.text
    assert 'href="/admin/dashboard"' not in browser.get("/").text
