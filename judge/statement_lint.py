"""The statement lint: what a student needs from a statement, checked before a package goes live.

Part of the one validation path (`judge.validation`), so `mljudge problems check` and the
administrators' upload refuse the same statements. Images and links are checked when the package
loads (`judge.statement_refs`); this adds what a loader cannot call broken but a reader would:
- the sections a student looks for (Input/Output or, in function mode, Function; and Judging),
  under the heading of the statement's language;
- raw HTML outside the subset the page keeps: the page would silently drop it, so the author
  would never see that the colour, the script or the frame is gone;
- a Japanese paragraph broken over two lines, which Markdown joins with a space that shows in
  the middle of the sentence;
- display math (`$$…$$`) inside a paragraph or a list item, which shows as a stray `$` around
  inline math: display math renders only as a paragraph of its own.
"""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

from judge.problemset import Problem, statement_path
from judge.statement_refs import HTML_ATTRIBUTES, HTML_TAGS, statement_parser

# The headings each statement must have, per language and mode: one name each, so that every
# problem reads the same way.
SECTIONS = {
    ("en", "stdout"): ("Input", "Output", "Judging"),
    ("en", "function"): ("Function", "Judging"),
    ("ja", "stdout"): ("入力", "出力", "採点"),
    ("ja", "function"): ("関数", "採点"),
}
_CJK = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"
_BROKEN_JAPANESE = re.compile(rf"{_CJK}\n{_CJK}")


class _HtmlOutsideSubset(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in HTML_TAGS:
            self.found.append(
                f"<{tag}> is not shown (allowed: details, summary, figure, img, "
                "figcaption, table, br and the tags Markdown writes)"
            )
            return
        for name, _value in attrs:
            if name not in HTML_ATTRIBUTES.get(tag, ()):
                self.found.append(f"<{tag} {name}=…> is not kept (no styles, classes or events)")

    handle_startendtag = handle_starttag


def _headings(markdown: str) -> list[str]:
    tokens = statement_parser().parse(markdown)
    return [
        tokens[i + 1].content.strip()
        for i, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]


def _paragraph_breaks(markdown: str) -> list[int]:
    """First lines of Japanese paragraphs that continue on the next line."""
    return [
        token.map[0] + 1
        for token in statement_parser().parse(markdown)
        if token.type == "inline" and token.map and _BROKEN_JAPANESE.search(token.content)
    ]


def _display_math_inline(markdown: str) -> list[int]:
    """First lines of paragraphs and list items whose `$$…$$` was read as `$` + inline math."""
    lines = []
    for token in statement_parser().parse(markdown):
        children = token.children or []
        for before, math in itertools.pairwise(children):
            if (
                math.type == "math_inline"
                and before.type == "text"
                and before.content.endswith("$")
            ):
                lines.append(token.map[0] + 1 if token.map else 0)
                break
    return lines


def _html_outside_subset(markdown: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for token in statement_parser().parse(markdown):
        for part in [token, *(token.children or [])]:
            if part.type in ("html_block", "html_inline"):
                parser = _HtmlOutsideSubset()
                parser.feed(part.content)
                parser.close()
                line = (token.map[0] + 1) if token.map else 0
                found.extend((line, message) for message in parser.found)
    return found


def lint_statements(problem: Problem) -> list[str]:
    """One line per problem found, each naming the statement file (and line where it has one)."""
    problems: list[str] = []
    for lang, markdown in problem.statements.items():
        path = statement_path(problem.root, lang)
        headings = _headings(markdown)
        problems.extend(
            f"{path}: no '## {section}' section"
            for section in SECTIONS[(lang, problem.spec.mode)]
            if section not in headings
        )
        problems.extend(
            f"{path}:{line}: {message}" for line, message in _html_outside_subset(markdown)
        )
        problems.extend(
            f"{path}:{line}: display math ($$...$$) inside a paragraph or list item shows a "
            "stray $: give it a paragraph of its own, with a blank line before and after"
            for line in _display_math_inline(markdown)
        )
        if lang == "ja":
            problems.extend(
                f"{path}:{line}: a Japanese paragraph continues on the next line; the page "
                "shows a space there: write each paragraph on one line"
                for line in _paragraph_breaks(markdown)
            )
    return problems
