"""The dashboard's SVG: escaped text, a title per chart, no style attribute, sensible columns."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from app.dashboard import charts
from app.dashboard.schemas import AttemptsBucket, FailingTest, MinuteCount


def labels(svg: str) -> list[str]:
    return re.findall(r'<text class="axis"[^>]*>([^<]*)</text>', svg)


def test_attempts_beyond_ten_share_the_last_column_and_there_are_at_least_five():
    few = charts.attempts_histogram([AttemptsBucket(attempts=1, users=4)], "t")
    assert labels(few)[2:] == ["1", "2", "3", "4", "5"]  # after the scale's max and 0
    many = charts.attempts_histogram(
        [AttemptsBucket(attempts=a, users=1) for a in (2, 10, 14)], "t"
    )
    assert labels(many)[2:] == [*map(str, range(1, 10)), "10+"]
    assert labels(many)[0] == "2"  # the highest column: 10 and 14 together


def test_text_is_escaped_and_every_chart_is_a_titled_image():
    tests = [FailingTest(name="<b>x</b>", sample=True, failed=2, ran=4)]
    svg = charts.failing_tests_chart(tests, 'Tests of "a<b"', "sample", "hidden")
    assert "<b>" not in svg and "&lt;b&gt;x&lt;/b&gt; (sample)" in svg
    assert re.search(r'role="img" aria-labelledby="(chart-title-\d+)"', svg)
    assert "<title id=" in svg and "a&lt;b" in svg
    assert "style=" not in svg


def test_the_activity_chart_labels_each_half_hour():
    start = datetime(2026, 1, 1, 10, 1, tzinfo=UTC)
    minutes = [
        MinuteCount(minute=start + timedelta(minutes=i), submissions=i % 3, accepted=i % 2)
        for i in range(120)
    ]
    svg = charts.activity_chart(minutes, "activity")
    assert labels(svg)[2:] == ["10:30", "11:00", "11:30", "12:00"]
    assert svg.count('class="bar"') == 120


def test_a_verdict_bar_labels_the_parts_that_fit():
    svg = charts.verdict_bar({"AC": 30, "WA": 1, "TLE": 0}, "v")
    assert "AC 30" in svg and 'class="v-WA"' in svg and 'class="v-TLE"' not in svg
    assert "–" in charts.verdict_bar({"AC": 0}, "nothing yet")
