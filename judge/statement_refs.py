"""What a statement refers to: images and links, in Markdown and in its HTML subset.

One parser for the loader (which checks every reference when the package loads) and the web page
(which renders it), so both read a statement the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from judge.package_files import IMAGE_TYPES

# Package paths a statement may point at; served under /api/problems/{id}/ by the same path.
LOCAL_PREFIXES = ("statement/", "files/public/")
LINK_SCHEMES = ("http", "https", "mailto")
# The HTML a statement may use (besides what Markdown itself writes); the page keeps exactly
# these and the statement lint reports anything else.
HTML_TAGS = {
    *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"),
    *("em", "strong", "b", "i", "sub", "sup", "kbd", "span", "div", "ul", "ol", "li"),
    *("a", "img", "figure", "figcaption", "details", "summary"),
    *("table", "caption", "thead", "tbody", "tr", "th", "td"),
}
HTML_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def statement_parser(math: Callable[..., str] | None = None) -> MarkdownIt:
    """CommonMark with tables, `$…$`/`$$…$$` math and raw HTML (which the page then sanitizes)."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    if math is None:
        dollarmath_plugin(md, allow_digits=False)
    else:
        dollarmath_plugin(md, renderer=math, allow_digits=False)
    return md


class _HtmlRefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"img": "src", "a": "href"}.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                self.found.append(("image" if tag == "img" else "link", value))

    handle_startendtag = handle_starttag


def _walk(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def references(markdown: str) -> list[tuple[str, str]]:
    """("image" or "link", url) for every image and link, in order."""
    found = []
    for token in _walk(statement_parser().parse(markdown)):
        if token.type == "image":
            found.append(("image", str(token.attrGet("src") or "")))
        elif token.type == "link_open":
            found.append(("link", str(token.attrGet("href") or "")))
        elif token.type in ("html_block", "html_inline"):
            parser = _HtmlRefs()
            parser.feed(token.content)
            parser.close()
            found.extend(parser.found)
    return found


def local_path(url: str) -> str | None:
    """The package path of a reference to the package's own files, else None."""
    return url if url.startswith(LOCAL_PREFIXES) else None


def problem(kind: str, url: str, package_files: set[str]) -> str | None:
    """Why a reference cannot be shown, or None when it is fine.

    `package_files`: the package's deliverable paths (`statement/…`, `files/public/…`).
    """
    shown = url if len(url) <= 80 else url[:77] + "..."
    scheme = _SCHEME.match(url)
    if kind == "image":
        if scheme or url.startswith(("/", "#")):
            return f"image {shown!r}: images come from the package (statement/ or files/public/)"
    elif scheme:
        if scheme.group(1).lower() in LINK_SCHEMES:
            return None
        return f"link {shown!r}: only http, https and mailto links are shown"
    elif url.startswith("#"):
        return None
    elif url.startswith("//"):
        return f"link {shown!r}: write the scheme (https://)"
    path = local_path(url)
    if path is None:
        return (
            f"{kind} {shown!r}: a package path starts with statement/ or files/public/ "
            "(the only folders students can fetch)"
        )
    if path not in package_files:
        return f"{kind} {shown!r}: no such file in the package"
    # Only images leave statement/ (the API serves nothing else from there).
    is_image = any(path.lower().endswith(ext) for ext in IMAGE_TYPES)
    if (kind == "image" or path.startswith("statement/")) and not is_image:
        return f"{kind} {shown!r}: images are {', '.join(IMAGE_TYPES)} files"
    return None
