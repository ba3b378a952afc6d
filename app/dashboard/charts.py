"""Inline SVG charts for the dashboard, drawn on the server: no chart library, no script.

Colours and type sizes come from classes in style.css (the page's CSP allows no inline style);
geometry is in presentation attributes. Each chart is an `img` for assistive technology, named by
its `<title>`; the page puts a table of the same numbers beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import count

from markupsafe import Markup, escape

from app.dashboard.schemas import AttemptsBucket, FailingTest, MinuteCount

_ids = count(1)
# The widest attempt count drawn on its own; larger ones share the last bar ("10+").
ATTEMPTS_DRAWN = 10


def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _svg(width: int, height: int, title: str, body: list[str], css: str) -> Markup:
    title_id = f"chart-title-{next(_ids)}"
    # every text in body went through escape() (see _text); the numbers are ours
    return Markup(  # noqa: S704
        f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">{escape(title)}</title>{"".join(body)}</svg>'
    )


def _rect(x: float, y: float, w: float, h: float, css: str) -> str:
    return f'<rect class="{css}" x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" height="{_fmt(h)}"/>'


def _text(x: float, y: float, text: object, css: str = "", anchor: str = "start") -> str:
    return (
        f'<text class="{css}" x="{_fmt(x)}" y="{_fmt(y)}" text-anchor="{anchor}">'
        f"{escape(str(text))}</text>"
    )


def verdict_bar(verdicts: dict[str, int], title: str) -> Markup:
    """One horizontal bar split by verdict, each part labelled with its count when it fits."""
    width, height = 600, 44
    total = sum(verdicts.values())
    body = [_rect(0, 0, width, height, "track")]
    x = 0.0
    for verdict, n in verdicts.items():
        if not n:
            continue
        w = width * n / total
        body.append(_rect(x, 0, w, height, f"v-{verdict}"))
        if w >= 64:
            body.append(_text(x + w / 2, 30, f"{verdict} {n}", "on-bar", "middle"))
        elif w >= 24:
            body.append(_text(x + w / 2, 30, n, "on-bar", "middle"))
        x += w
    if not total:
        body.append(_text(width / 2, 30, "–", "axis", "middle"))
    return _svg(width, height, title, body, "chart-verdicts")


def _columns(
    values: Sequence[tuple[str, float, float]],
    title: str,
    css: str,
    *,
    width: int,
    height: int,
    label: Callable[[int], bool] | None = None,
) -> Markup:
    """Vertical bars: (x label, total, highlighted part of it) each, a y scale from 0 to the max."""
    left, bottom, top = 48, 34, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max((total for _, total, _ in values), default=0) or 1
    step = plot_w / max(1, len(values))
    gap = min(6.0, step * 0.2)
    body = [
        (
            f'<line class="axis-line" x1="{left}" y1="{top + plot_h}" x2="{width - 8}" '
            f'y2="{top + plot_h}"/>'
        ),
        _text(left - 8, top + 14, _fmt(peak), "axis", "end"),
        _text(left - 8, top + plot_h, 0, "axis", "end"),
    ]
    for i, (name, total, part) in enumerate(values):
        x = left + i * step + gap / 2
        h = plot_h * total / peak
        body.append(_rect(x, top + plot_h - h, step - gap, h, "bar"))
        if part:
            ph = plot_h * part / peak
            body.append(_rect(x, top + plot_h - ph, step - gap, ph, "bar-part"))
        if name and (label is None or label(i)):
            body.append(_text(x + (step - gap) / 2, height - 10, name, "axis", "middle"))
    return _svg(width, height, title, body, css)


def attempts_histogram(buckets: list[AttemptsBucket], title: str) -> Markup:
    """Solvers by the number of submissions their first AC took (1 = first try)."""
    users = {b.attempts: b.users for b in buckets}
    values: list[tuple[str, float, float]] = []
    # At least five columns, so that one early bar does not fill the whole chart.
    for attempts in range(1, min(ATTEMPTS_DRAWN, max(5, *users)) + 1):
        if attempts == ATTEMPTS_DRAWN:
            beyond = sum(n for a, n in users.items() if a >= attempts)
            values.append((f"{attempts}+", float(beyond), 0.0))
        else:
            values.append((str(attempts), float(users.get(attempts, 0)), 0.0))
    return _columns(values, title, "chart-attempts", width=420, height=200)


def activity_chart(minutes: list[MinuteCount], title: str) -> Markup:
    """Submissions per minute (accepted ones as the darker lower part), a time label per 30 min."""
    values = [
        (m.minute.strftime("%H:%M"), float(m.submissions), float(m.accepted)) for m in minutes
    ]
    return _columns(
        values,
        title,
        "chart-activity",
        width=960,
        height=260,
        label=lambda i: minutes[i].minute.minute % 30 == 0,
    )


def failing_tests_chart(
    tests: list[FailingTest], title: str, sample_label: str, hidden_label: str
) -> Markup:
    """One bar per test: the share of judged submissions that failed it, with the counts."""
    row, label_w, width = 40, 200, 600
    height = row * max(1, len(tests))
    body = []
    for i, test in enumerate(tests):
        y = i * row
        name = f"{test.name} ({sample_label if test.sample else hidden_label})"
        body.append(_text(label_w - 10, y + 27, name, "axis", "end"))
        bar_w = (width - label_w - 110) * test.failed / max(1, test.ran)
        body.append(_rect(label_w, y + 6, width - label_w - 110, row - 12, "track"))
        body.append(_rect(label_w, y + 6, bar_w, row - 12, "bar-fail"))
        body.append(_text(width - 100, y + 27, f"{test.failed} / {test.ran}", "axis"))
    return _svg(width, height, title, body, "chart-failing")
