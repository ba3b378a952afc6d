"""The submission page explains its verdicts, and celebrates a user's first AC on a problem once."""

from __future__ import annotations

import re

from tests.web.conftest import PASSWORD, Browser

AC, WA, TLE = "#fake ECHO", "wrong", "#fake TLE"


def shown_help(page: str) -> list[str]:
    """The verdicts whose explanation is visible (the section itself shown)."""
    section = re.search(r'<section class="card verdict-help"[^>]*>', page)
    assert section, "no verdict help on the page"
    if " hidden" in section.group(0):
        return []
    return re.findall(r'<div class="verdict-help-item" data-verdict="(\w+)">', page)


def celebration(page: str) -> str | None:
    """ "shown", "waiting" (hidden until judging ends) or None (not on the page)."""
    match = re.search(r'<div class="celebration" id="celebration" role="status"( hidden)?>', page)
    if match is None:
        return None
    return "waiting" if match.group(1) else "shown"


def judged(browser: Browser, judge_queued, problem_id: str, code: str) -> str:
    location = browser.submit(problem_id, code).headers["location"]
    judge_queued()
    return browser.get(location).text


def test_each_verdict_got_is_explained(browser: Browser, judge_queued) -> None:
    browser.register("alice")
    page = judged(browser, judge_queued, "echo", WA)
    assert shown_help(page) == ["WA"]
    assert "What to try:" in page and "tensor(...)" in page
    page = judged(browser, judge_queued, "echo", TLE)
    assert shown_help(page) == ["TLE"]
    assert "vectorised NumPy or PyTorch" in page
    # All seven are in the page (hidden), for the live script to show when judging ends.
    assert len(re.findall(r'class="verdict-help-item" data-verdict=', page)) == 7


def test_the_first_ac_is_celebrated_once(browser: Browser, judge_queued) -> None:
    browser.register("alice")
    assert celebration(judged(browser, judge_queued, "echo", WA)) is None
    first = browser.submit("echo", AC).headers["location"]
    # Still queued: the page carries the celebration hidden, for when the AC arrives.
    waiting = browser.get(first).text
    assert celebration(waiting) == "waiting" and shown_help(waiting) == []
    judge_queued()
    page = browser.get(first).text
    assert celebration(page) == "shown" and shown_help(page) == ["AC"]
    assert "Your first AC on this problem. Well done!" in page
    # A second AC on the same problem is not celebrated, nor is a later WA.
    assert celebration(judged(browser, judge_queued, "echo", AC)) is None
    assert celebration(judged(browser, judge_queued, "echo", WA)) is None
    # The first AC on another problem is.
    assert celebration(judged(browser, judge_queued, "echo-en", AC)) == "shown"


def test_an_admin_reading_a_students_first_ac_sees_no_celebration(
    browser: Browser, accounts, judge_queued
) -> None:
    browser.register("alice")
    location = browser.submit("echo", AC).headers["location"]
    judge_queued()
    browser.client.cookies.clear()
    accounts.admin("root")
    browser.submit_form("/login", "/login", {"username": "root", "password": PASSWORD})
    page = browser.get(location).text
    assert celebration(page) is None and shown_help(page) == ["AC"]
