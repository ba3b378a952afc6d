"""The runtime page: versions read from the interpreter, in both languages, linked everywhere."""

from __future__ import annotations

import re
from importlib import metadata

from tests.web.conftest import Browser


def row(html: str, package: str) -> str:
    found = re.search(rf"<td>{package}</td>((?:(?!</tr>).)*)</tr>", html, re.DOTALL)
    assert found, f"no row for {package}"
    return found.group(1)


def test_runtime_page_shows_versions_preloading_and_the_rules(browser: Browser) -> None:
    browser.use_language("ja")
    page = browser.get("/runtime")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    html = page.text
    assert '<html lang="ja">' in html
    for name in ("numpy", "torch", "pandas", "scikit-learn", "scipy"):
        assert f"<td>{name}</td>" in html
        assert f"<td>{metadata.version(name)}</td>" in html
    assert "<code>import sklearn</code>" in html
    assert "<td>はい" in row(html, "torch") and "<td>いいえ" in row(html, "scikit-learn")
    assert "<td>使う問題では事前読み込み" in row(html, "pandas")
    assert 'href="/api/runtime"' in html
    browser.use_language("en")
    english = browser.get("/runtime").text
    assert '<html lang="en">' in english
    assert "<td>yes" in row(english, "torch") and "<td>no" in row(english, "scikit-learn")
    assert "<td>in problems that use it" in row(english, "pandas")
    # Each rule in the page's language, and only in it.
    for japanese, in_english in (
        ("ネットワークは使えません", "No network"),
        ("GPU はありません", "No GPU"),
        ("1 スレッドで動きます", "Single-threaded"),
        ("約 0.7 秒の CPU 時間", "about 0.7 s of"),
    ):
        assert japanese in html and in_english not in html
        assert in_english in english and japanese not in english


def test_every_page_links_to_the_runtime(browser: Browser) -> None:
    for path in ("/", "/leaderboard", "/login"):
        assert '<a href="/runtime">' in browser.get(path).text
