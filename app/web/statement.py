"""Problem statements: Markdown to HTML on the server, math as MathML (no script, no CDN).

Fenced code blocks that name a language are highlighted by Pygments (app/web/highlight.py).
Statements may use a small HTML subset (hints in `<details>`, figures, tables, `<br>`) and show
the package's own images; `nh3` (the Rust `ammonia` sanitizer) keeps exactly that subset and the
MathML the formulas become, and drops everything else: scripts, styles, event handlers, and any
URL but the package's files and plain http(s)/mailto links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import nh3
from latex2mathml.converter import convert
from markdown_it import MarkdownIt

from app.web.highlight import CLASSES as CODE_CLASSES
from app.web.highlight import fence_html
from judge.package_files import NAME
from judge.statement_refs import (
    HTML_ATTRIBUTES,
    HTML_TAGS,
    LINK_SCHEMES,
    local_path,
    statement_parser,
)

# The lecture's KaTeX macros, which latex2mathml does not know.
MACROS = {
    "R": r"\mathbb{R}",
    "Z": r"\mathbb{Z}",
    "N": r"\mathbb{N}",
    "bm": r"\boldsymbol",
    "bold": r"\mathbf",
    "rarr": r"\rightarrow",
}
# A control word, or a control symbol such as \\ (so "\\R" stays a line break and an R).
_CONTROL = re.compile(r"\\(?:([A-Za-z]+)|.)", re.DOTALL)

# What latex2mathml writes; a style or a link (\style, \href, \color) is dropped.
MATHML_TAGS = {
    *("math", "mrow", "mi", "mn", "mo", "mtext", "ms", "mspace", "mfrac", "msqrt", "mroot"),
    *("msub", "msup", "msubsup", "munder", "mover", "munderover", "mtable", "mtr", "mtd"),
    *("mstyle", "mpadded", "mphantom", "menclose", "semantics", "annotation"),
}
MATHML_ATTRIBUTES = {
    *("xmlns", "display", "mathvariant", "stretchy", "fence", "separator", "form", "lspace"),
    *("rspace", "movablelimits", "accent", "accentunder", "largeop", "symmetric", "minsize"),
    *("maxsize", "linethickness", "displaystyle", "scriptlevel", "columnalign", "rowalign"),
    *("columnspacing", "rowspacing", "columnlines", "rowlines", "frame", "framespacing"),
    *("width", "height", "depth", "voffset", "notation", "linebreak", "encoding"),
}
ATTRIBUTES = {**HTML_ATTRIBUTES, **dict.fromkeys(MATHML_TAGS, MATHML_ATTRIBUTES)}
# Math wrappers, and the highlighted code blocks (`pre.highlight`, token classes on spans): only
# classes, which carry nothing but colour; no style attribute and no other element comes in.
CLASSES = {
    "span": {"math", "inline", *CODE_CLASSES["span"]},
    "div": {"math", "block"},
    "code": {"math-source"},
    "pre": CODE_CLASSES["pre"],
}


def expand_macros(latex: str) -> str:
    def one(match: re.Match[str]) -> str:
        return MACROS.get(match.group(1) or "", match.group(0))

    return _CONTROL.sub(one, latex)


def _math(latex: str, options: dict[str, Any]) -> str:
    display = "block" if options.get("display_mode") else "inline"
    # latex2mathml copies \text{...} verbatim into the markup, so a raw "<" there would open a
    # tag; as commands they become the same relation symbols and can never become markup.
    safe = expand_macros(latex).replace("<", r"\lt ").replace(">", r"\gt ")
    # latex2mathml raises assorted errors (its own, IndexError, …) on input it does not know.
    try:
        return convert(safe, display=display)
    except Exception:  # noqa: BLE001
        # Readable source beats a broken page; the reader still sees the formula.
        return f'<code class="math-source">{html.escape(latex)}</code>'


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = statement_parser(math=_math)
    md.options["highlight"] = fence_html  # ```python blocks; plain ``` blocks stay plain
    return md


def _urls(problem_id: str) -> Callable[[str, str, str], str | None]:
    base = f"/api/problems/{problem_id}/"

    def keep(element: str, attribute: str, value: str) -> str | None:
        if attribute == "class":  # nh3 would leave an empty class="" behind
            kept = [name for name in value.split() if name in CLASSES.get(element, ())]
            return " ".join(kept) or None
        if (element, attribute) not in (("img", "src"), ("a", "href")):
            return value
        path = local_path(value)
        if path is not None and all(NAME.match(part) for part in path.split("/")):
            return base + path  # the loader checked that the package has it
        if element == "a":
            scheme = value.split(":", 1)[0].lower() if ":" in value else None
            if value.startswith("#") or (scheme in LINK_SCHEMES and not value.startswith("/")):
                return value
        return None  # an outside image, data:, javascript:, a path of this site

    return keep


@lru_cache(maxsize=256)
def render_statement(markdown: str, problem_id: str) -> str:
    """Safe HTML for a statement; cached because statements change only with a package version."""
    return nh3.clean(
        _parser().render(markdown),
        tags=HTML_TAGS | MATHML_TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=_urls(problem_id),
        allowed_classes=CLASSES,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
