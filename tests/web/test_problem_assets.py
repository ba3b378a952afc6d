"""The problem page: public files to download, package images, hints, Japanese-only problems."""

from __future__ import annotations

import pytest

from tests.app.test_problem_files import problems_dir  # noqa: F401 (overrides the shared one)
from tests.web.conftest import Browser


def test_the_page_lists_public_files_and_shows_the_statement_image(browser: Browser) -> None:
    page = browser.get("/problems/data-demo")
    assert page.status_code == 200
    html = page.text
    assert 'href="/api/problems/data-demo/files/public/data/train.csv" download' in html
    assert "<code>public/data/train.csv</code></a> (8 bytes)" in html
    assert "hidden.csv" not in html and "labels.csv" not in html
    assert '<img src="/api/problems/data-demo/statement/graph.png" alt="graph">' in html
    assert "<details><summary>Hint</summary>Read it with pandas.</details>" in html
    assert "default-src 'self'" in page.headers["content-security-policy"]
    # The image and the download come from this site, so the policy lets the page use them.
    assert browser.get("/api/problems/data-demo/statement/graph.png").status_code == 200


def test_a_problem_without_files_has_no_files_section(browser: Browser) -> None:
    assert 'id="files"' not in browser.get("/problems/ja-only").text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_japanese_only_problem_shows_japanese(browser: Browser, lang: str) -> None:
    browser.use_language(lang)
    html = browser.get("/problems/ja-only").text
    assert "入力をそのまま出力せよ。" in html and f'<html lang="{lang}">' in html
    assert '<article class="card statement" lang="ja">' in html
    assert ("This problem has a Japanese statement only." in html) is (lang == "en")
    assert "英語の問題文を表示" not in html
