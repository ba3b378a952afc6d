"""Problem statements: Markdown to HTML on the server, math as MathML (no script, no CDN)."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

from latex2mathml.converter import convert
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin


# latex2mathml escapes quotes inside attribute values, so this matches whole attributes only.
_LINK_OR_STYLE = re.compile(r'\s(?:href|style)="[^"]*"')


def _math(latex: str, options: dict[str, Any]) -> str:
    display = "block" if options.get("display_mode") else "inline"
    # latex2mathml copies \text{...} verbatim into the markup, so a raw "<" there would open a
    # tag; as commands they become the same relation symbols and can never become markup.
    safe = latex.replace("<", r"\lt ").replace(">", r"\gt ")
    # latex2mathml raises assorted errors (its own, IndexError, …) on input it does not know.
    try:
        # \href and \style become href= and style= attributes: links and styles out of a formula.
        return _LINK_OR_STYLE.sub("", convert(safe, display=display))
    except Exception:  # noqa: BLE001
        # Readable source beats a broken page; the reader still sees the formula.
        return f'<code class="math-source">{html.escape(latex)}</code>'


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Raw HTML stays off: statements come from uploaded packages and are shown to everyone.
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    dollarmath_plugin(md, renderer=_math, allow_digits=False)
    return md


@lru_cache(maxsize=256)
def render_statement(markdown: str) -> str:
    """HTML for a statement; cached because statements change only with a package version."""
    return _parser().render(markdown)
