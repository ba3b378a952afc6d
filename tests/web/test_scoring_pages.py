"""The submission page's group table, and private groups shown as hidden until the reveal."""

from __future__ import annotations

import re

import pytest

from tests.app.fakes import write_problem
from tests.app.test_scoring import GROUPS, PUBLIC_ONLY, TESTS
from tests.web.conftest import Browser


@pytest.fixture(scope="module")
def problems_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("problems")
    write_problem(root, "grouped", tests=TESTS, extra_yaml=GROUPS % "")
    private = GROUPS % ", private: true" + "reveal_private_at: 2030-01-01T09:00:00+09:00\n"
    write_problem(root, "kaggle", tests=TESTS, extra_yaml=private)
    write_problem(root, "plain")
    return root


def group_rows(page: str) -> dict[str, str]:
    """Group name → the row's text without tags and runs of spaces."""
    rows = re.findall(r'<tr data-group="([^"]+)">(.*?)</tr>', page, re.DOTALL)
    return {name: " ".join(re.sub(r"<[^>]+>", " ", row).split()) for name, row in rows}


def test_the_submission_page_shows_each_groups_score(browser: Browser, judge_queued) -> None:
    browser.register("alice")
    location = browser.submit("grouped", PUBLIC_ONLY).headers["location"]
    judge_queued()
    page = browser.get(location).text
    rows = group_rows(page)
    assert list(rows) == ["sample", "main", "big"]
    assert rows["main"] == "main AC 60 / 60 2, 3"
    assert "0 / 40" in rows["big"] and "all or nothing" in rows["big"]
    assert "4, 5" in rows["big"] and "big-1" not in page  # positions, never hidden names
    browser.use_language("ja")
    page = browser.get(location).text
    assert group_rows(page)["big"] == "big WA 0 / 40 4, 5 (全正解のみ得点)"
    assert '<h2 id="groups-heading">グループ</h2>' in page


def test_private_groups_show_as_hidden_until_the_reveal(browser: Browser, judge_queued) -> None:
    browser.register("alice")
    location = browser.submit("kaggle", PUBLIC_ONLY).headers["location"]
    judge_queued()
    page = browser.get(location).text
    rows = group_rows(page)
    assert "private" in rows["big"] and "hidden until 2030-01-01 00:00:00 UTC" in rows["big"]
    assert "0 / 40" not in rows["big"]
    assert 'id="public-only"' in page
    assert page.count("<tr data-position=") == 3  # the private tests are not listed
    browser.use_language("ja")
    japanese = group_rows(browser.get(location).text)
    assert japanese["big"] == "big 非公開 2030-01-01 00:00:00 UTC まで非公開 4, 5 (全正解のみ得点)"


def test_a_mean_problem_has_no_group_table(browser: Browser, judge_queued) -> None:
    browser.register("alice")
    location = browser.submit("plain", "#fake ECHO").headers["location"]
    judge_queued()
    page = browser.get(location).text
    assert 'id="groups"' not in page and 'id="public-only"' not in page
