"""Code highlighted on the server (Pygments): submitted code and the code blocks of statements.

The markup is `<pre class="highlight"><code>` with one `<span class="lineno">` per line and
Pygments' short token classes (`k`, `s1`, `mi`, ...) on spans; static/style.css colours them.
No script runs in the browser for it, and the statement sanitizer keeps exactly these classes.
"""

from __future__ import annotations

from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import PythonLexer, get_lexer_by_name
from pygments.token import STANDARD_TYPES
from pygments.util import ClassNotFound

# nowrap: the numbering and the wrapper are ours (Pygments' own inline numbers need its <div>,
# and markdown-it takes a highlighted fence as it is only when it starts with "<pre").
_FORMATTER = HtmlFormatter(nowrap=True)
LINENO = "lineno"
TOKEN_CLASSES = frozenset(name for name in STANDARD_TYPES.values() if name)
# Every class this markup carries, by element: what the statement sanitizer lets through.
CLASSES = {"pre": {"highlight"}, "span": TOKEN_CLASSES | {LINENO}}


def _lexer(lexer_class: type[Lexer]) -> Lexer:
    # stripnl=False: leading blank lines stay, so line numbers match those of a traceback.
    return lexer_class(stripnl=False, ensurenl=True)


def _numbered(body: str) -> str:
    # Pygments closes every span at the end of its line, so each line stands alone.
    lines = body.split("\n")
    if lines[-1] == "":
        lines.pop()
    width = len(str(len(lines)))
    return "".join(
        f'<span class="{LINENO}">{number:>{width}}</span>{line}\n'
        for number, line in enumerate(lines, 1)
    )


def highlight_with(code: str, lexer: Lexer) -> str:
    body = highlight(code, lexer, _FORMATTER)
    return f'<pre class="highlight"><code>{_numbered(body)}</code></pre>'


def python_html(code: str) -> Markup:
    """Submitted code, highlighted and numbered; Pygments escapes the code itself."""
    return Markup(highlight_with(code, _lexer(PythonLexer)))  # noqa: S704 -- escaped by Pygments


def fence_html(code: str, language: str, _attrs: str = "") -> str:
    """markdown-it's `highlight` hook for a statement's fenced block: highlighted when the fence
    names a language Pygments knows, else "" (markdown-it then writes the plain block)."""
    if not language:
        return ""
    try:
        lexer = get_lexer_by_name(language, stripnl=False, ensurenl=True)
    except ClassNotFound:
        return ""
    return highlight_with(code, lexer)
