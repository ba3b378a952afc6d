"""Statement rendering: the allowed HTML subset, hostile markup, package images, KaTeX macros."""

from __future__ import annotations

import html as html_module
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.web.statement import HTML_TAGS, MATHML_TAGS, expand_macros, render_statement

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"


def render(markdown: str) -> str:
    return render_statement(markdown, "demo")


def test_hints_figures_tables_and_line_breaks_are_kept() -> None:
    html = render(
        "<details>\n<summary>Hint</summary>\n\nUse **autograd**.\n\n</details>\n\n"
        '<figure>\n<img src="statement/graph.png" alt="f(x)">\n'
        "<figcaption>The graph</figcaption>\n</figure>\n\n"
        "| a | b |\n|---|--:|\n| 1 | 2 |\n\nline<br>break\n"
    )
    assert "<details>\n<summary>Hint</summary>\n<p>Use <strong>autograd</strong>.</p>" in html
    assert '<img src="/api/problems/demo/statement/graph.png" alt="f(x)">' in html
    assert "<figcaption>The graph</figcaption>" in html
    assert "<table>" in html and "<td>2</td>" in html  # alignment styles dropped (CSP: no inline)
    assert "line<br>break" in html


def test_markdown_images_and_links_to_the_package_point_at_the_api() -> None:
    html = render("![plot](statement/a.png) [data](files/public/data/x.csv)")
    assert '<img src="/api/problems/demo/statement/a.png" alt="plot">' in html
    assert 'href="/api/problems/demo/files/public/data/x.csv"' in html


def test_outside_links_stay_and_cannot_reach_back() -> None:
    html = render("[docs](https://pytorch.org/docs) [mail](mailto:a@b.c) [top](#input)")
    assert '<a href="https://pytorch.org/docs" rel="noopener noreferrer nofollow">docs</a>' in html
    assert 'href="mailto:a@b.c"' in html and 'href="#input"' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        '<img src="statement/a.png" onerror="alert(1)">',
        '<img src="x" onerror=alert(1)//',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<img src="data:image/png;base64,iVBORw0KGgo=">',
        '<img src="https://evil.example/track.png">',
        '<img src="//evil.example/track.png">',
        '<img src="/api/users">',
        '<img src="statement/../../../etc/passwd">',
        "<style>body{display:none}</style>",
        '<p style="background:url(https://evil.example)">x</p>',
        '<div onclick="alert(1)">x</div>',
        '<iframe src="https://evil.example"></iframe>',
        '<object data="x.swf"></object><embed src="x">',
        '<form action="https://evil.example"><input name="password"></form>',
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=alert(1)>",
        '<math><mi href="javascript:alert(1)">x</mi></math>',
        '<math><maction actiontype="statusline">x</maction></math>',
        '<details open ontoggle="alert(1)"><summary>s</summary></details>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<base href="https://evil.example/">',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        "<!-- <script>alert(1)</script> -->",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "[x](javascript:alert(1))",
        "![x](javascript:alert(1))",
        r"$\href{javascript:alert(1)}{x}$",
        r"$\style{color:red}{x}$",
        r"$\text{<img src=x onerror=alert(1)>}$",
    ],
)
def test_hostile_markup_is_stripped(hostile: str) -> None:
    html = render(f"Before\n\n{hostile}\n\nAfter")
    assert "<p>Before</p>" in html and "<p>After</p>" in html
    # What is left as text ("<img onerror>" shown to the reader) is harmless; only markup counts.
    for tag, attributes in _markup(html):
        assert tag in HTML_TAGS | MATHML_TAGS, html
        for name, value in attributes:
            assert not name.startswith("on") and name != "style", html
            if name in ("src", "href"):
                assert value.startswith("/api/problems/demo/statement/"), html


def _markup(html: str) -> list[tuple[str, list[tuple[str, str]]]]:
    found: list[tuple[str, list[tuple[str, str]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            found.append((tag, [(name, value or "") for name, value in attrs]))

        def handle_comment(self, data):  # type: ignore[no-untyped-def]
            found.append(("!--", []))

    Collect().feed(html)
    return found


@pytest.mark.parametrize(
    ("macro", "expected"),
    [
        (r"$x \in \R$", "ℝ"),
        (r"$n \in \N$", "ℕ"),
        (r"$k \in \Z$", "ℤ"),
        (r"$\bm{x}$", 'mathvariant="bold-italic"'),
        (r"$\bold{W}$", "\U0001d416"),  # 𝐖
        (r"$a \rarr b$", "→"),
    ],
)
def test_lecture_macros_render(macro: str, expected: str) -> None:
    html = render(macro)
    assert "math-source" not in html, html  # latex2mathml understood it
    assert expected in html_module.unescape(html)
    assert "\\" not in html


def test_macros_expand_whole_control_words_only() -> None:
    assert expand_macros(r"\R^n \Rightarrow \Re \bm{x} \boldsymbol{y}") == (
        r"\mathbb{R}^n \Rightarrow \Re \boldsymbol{x} \boldsymbol{y}"
    )
    assert expand_macros(r"a \\R b") == r"a \\R b"  # a line break, then the letter R
    assert expand_macros(r"\bold{W}\rarr\N") == r"\mathbf{W}\rightarrow\mathbb{N}"


@pytest.mark.parametrize("statement", sorted(PROBLEMS.glob("*/statement*.md")), ids=str)
def test_shipped_statements_lose_nothing_but_styles_to_the_sanitizer(statement: Path) -> None:
    from app.web.statement import _parser

    text, problem_id = statement.read_text(encoding="utf-8"), statement.parent.name
    raw = _parser().render(text)
    # What the sanitizer is meant to drop: table alignment (inline styles, which the page's CSP
    # blocks anyway) and code-language classes (no style uses them); package paths it rewrites.
    raw = re.sub(r' style="text-align:(?:left|right|center)"| class="language-[^"]*"', "", raw)
    raw = re.sub(
        r'(src|href)="((?:statement|files/public)/[^"]*)"',
        lambda m: f'{m.group(1)}="/api/problems/{problem_id}/{m.group(2)}"',
        raw,
    )
    # ...and what it adds: every link opens without the page as its opener or referrer.
    rel = "rel=noopener noreferrer nofollow"
    shown = _tokens(render_statement(text, problem_id))
    assert all(rel in token for token in shown if token[:2] == ("<", "a"))
    assert [tuple(part for part in token if part != rel) for token in shown] == _tokens(raw)


def _tokens(html: str) -> list[tuple[str, ...]]:
    """The markup as a sequence, blind to how it was serialized (<x/> or <x></x>, entities)."""
    found: list[tuple[str, ...]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
            found.append(("<", tag, *sorted(f"{k}={v}" for k, v in attrs)))

        def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
            if tag not in ("img", "br", "hr"):
                found.append(("/", tag))

        def handle_data(self, data):  # type: ignore[no-untyped-def]
            if data.strip():
                found.append(("text", " ".join(data.split())))

    Collect(convert_charrefs=True).feed(html)
    return found
