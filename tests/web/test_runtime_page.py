"""The runtime page: versions read from the interpreter, Japanese first, linked from every page."""

from __future__ import annotations

import re
from importlib import metadata

from tests.web.conftest import Browser


def row(html: str, package: str) -> str:
    found = re.search(rf"<td>{package}</td>((?:(?!</tr>).)*)</tr>", html, re.DOTALL)
    assert found, f"no row for {package}"
    return found.group(1)


def test_runtime_page_shows_versions_preloading_and_the_rules(browser: Browser) -> None:
    page = browser.get("/runtime")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    html = page.text
    assert '<html lang="ja">' in html
    for name in ("numpy", "torch", "pandas", "scikit-learn", "scipy"):
        assert f"<td>{name}</td>" in html
        assert f"<td>{metadata.version(name)}</td>" in html
    assert "<code>import sklearn</code>" in html
    assert "<td>はい" in row(html, "pandas") and "<td>いいえ" in row(html, "scikit-learn")
    # Japanese first, English beside it, for each rule.
    for japanese, english in (
        ("ネットワークは使えません", "No network"),
        ("GPU はありません", "No GPU"),
        ("1 スレッドで動きます", "Single-threaded"),
        ("約 0.7 秒の CPU 時間", "about 0.7 s of"),
    ):
        assert html.index(japanese) < html.index(english)
    assert 'href="/api/runtime"' in html


def test_every_page_links_to_the_runtime(browser: Browser) -> None:
    for path in ("/", "/leaderboard", "/login"):
        assert '<a href="/runtime">' in browser.get(path).text
