"""The release schedule through the API and the pages: students neither see nor reach a problem
of a closed section (404 as if absent); administrators always do. The clock is frozen."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.app.fakes import write_problem
from tests.web.conftest import PASSWORD, Browser

JST = timezone(timedelta(hours=9))
APRIL_1 = datetime(2026, 4, 1, 13, 0, tzinfo=JST)
MAY_1 = datetime(2026, 5, 1, 13, 0, tzinfo=JST)
SECTIONS = f"""\
sections:
  1: {{title: "Session 1: Learning", title_ja: 第1回 学習, release: {APRIL_1.isoformat()}}}
  3: {{title: "Session 3: Automatic differentiation", title_ja: 第3回 自動微分, release: {MAY_1.isoformat()}}}
"""


@pytest.fixture
def problems_dir(tmp_path: Path) -> Path:
    root = tmp_path / "problems"
    write_problem(root, "warmup", title="Warm-up", section=0)
    write_problem(root, "intro", title="Intro problem", section=1)
    write_problem(root, "later", title="Secret later problem", section=3)
    (root / "sections.yaml").write_text(SECTIONS, encoding="utf-8")
    return root


class Clock:
    def __init__(self, client, now: datetime):  # type: ignore[no-untyped-def]
        self.now = now
        client.app.state.clock = lambda: self.now


@pytest.fixture
def clock(client) -> Clock:  # type: ignore[no-untyped-def]
    return Clock(client, APRIL_1 + timedelta(days=1))  # section 1 out, section 3 not yet


def listed(client, headers=None) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get("/api/problems", headers=headers or {})
    assert response.status_code == 200
    return [p["id"] for p in response.json()]


def submit(client, headers, problem_id: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/submissions", headers=headers, json={"problem_id": problem_id, "code": "#fake ECHO"}
    )


def test_release_times_decide_what_students_see_and_reach(client, accounts, clock) -> None:
    student, admin = accounts.user(), accounts.admin()
    assert listed(client) == listed(client, student) == ["warmup", "intro"]
    assert listed(client, admin) == ["warmup", "intro", "later"]
    for headers in ({}, student):
        response = client.get("/api/problems/later", headers=headers)
        assert response.status_code == 404
        assert response.json() == {"detail": "no problem 'later'"}  # as for a problem never made
    assert client.get("/api/problems/later", headers=admin).status_code == 200
    assert submit(client, student, "later").status_code == 404
    assert submit(client, student, "later").json() == {"detail": "no problem 'later'"}
    assert submit(client, admin, "later").status_code == 202
    assert submit(client, student, "intro").status_code == 202

    clock.now = MAY_1 - timedelta(seconds=1)
    assert "later" not in listed(client, student)
    clock.now = MAY_1
    assert listed(client, student) == ["warmup", "intro", "later"]
    assert client.get("/api/problems/later", headers=student).status_code == 200
    assert submit(client, student, "later").status_code == 202


def test_before_any_release_only_unscheduled_sections_are_open(client, accounts, clock) -> None:
    clock.now = APRIL_1 - timedelta(minutes=1)
    assert listed(client, accounts.user()) == ["warmup"]


def test_the_current_section_opens_sections_up_to_it(client, accounts, clock) -> None:
    student, admin = accounts.user(), accounts.admin()
    clock.now = APRIL_1 - timedelta(days=30)
    put = client.put("/api/admin/current-section", headers=admin, json={"section": 3})
    assert put.status_code == 200 and put.json() == {"section": 3}
    assert listed(client, student) == ["warmup", "intro", "later"]
    assert client.put("/api/admin/current-section", headers=admin, json={"section": 1}).json() == {
        "section": 1
    }
    assert listed(client, student) == ["warmup", "intro"]
    cleared = client.put("/api/admin/current-section", headers=admin, json={"section": None})
    assert cleared.status_code == 200 and cleared.json() == {"section": None}
    assert listed(client, student) == ["warmup"]  # back to the release times alone


@pytest.mark.parametrize(
    "body", [{"section": 8}, {"section": -1}, {"section": "three"}, {}, {"section": 1, "x": 2}]
)
def test_a_bad_current_section_is_422(client, accounts, body) -> None:
    response = client.put("/api/admin/current-section", headers=accounts.admin(), json=body)
    assert response.status_code == 422 and response.json()["detail"]


def test_only_administrators_set_the_current_section(client, accounts) -> None:
    student = accounts.user()
    response = client.put("/api/admin/current-section", headers=student, json={"section": 7})
    assert response.status_code == 403
    assert client.put("/api/admin/current-section", json={"section": 7}).status_code == 401
    assert client.get("/api/admin/sections", headers=student).status_code == 403


def test_the_overview_shows_each_section_open_or_closed(client, accounts, clock) -> None:
    admin = accounts.admin()
    client.put("/api/admin/current-section", headers=admin, json={"section": 0})
    overview = client.get("/api/admin/sections", headers=admin).json()
    assert overview["current"] == 0 and overview["errors"] == []
    assert [(s["section"], s["open"], s["problems"]) for s in overview["sections"]] == [
        (0, True, 1),
        (1, True, 1),
        (3, False, 1),
    ]
    assert overview["sections"][1]["title_ja"] == "第1回 学習"
    assert datetime.fromisoformat(overview["sections"][2]["release"]) == MAY_1


def test_submissions_of_closed_problems_are_hidden_from_students(
    client, accounts, clock, judge_queued
) -> None:
    student, admin = accounts.user(), accounts.admin()
    client.put("/api/admin/current-section", headers=admin, json={"section": 3})
    own = submit(client, student, "later").json()["id"]
    admins = submit(client, admin, "later").json()["id"]
    judge_queued()
    client.put("/api/admin/current-section", headers=admin, json={"section": None})  # closes 3

    listing = client.get("/api/submissions", headers=student).json()
    assert listing["total"] == 0 and listing["items"] == []
    assert client.get("/api/submissions", headers=admin).json()["total"] == 2
    for path in (f"/api/submissions/{own}", f"/api/submissions/{own}/events"):
        response = client.get(path, headers=student)
        assert response.status_code == 404 and response.json() == {"detail": f"no submission {own}"}
    assert client.get(f"/api/submissions/{admins}", headers=admin).status_code == 200
    board = client.get("/api/leaderboard").text
    assert "later" not in board and "Secret" not in board


def test_a_broken_schedule_is_reported_and_closes_scheduled_sections(
    client, accounts, clock, problems_dir
) -> None:
    student, admin = accounts.user(), accounts.admin()
    (problems_dir / "sections.yaml").write_text("sections:\n  1: {titel: x}\n")
    report = client.post("/api/admin/problems/reload", headers=admin).json()
    assert report["errors"] == [
        f"{problems_dir / 'sections.yaml'}: sections.1.title: Field required",
        f"{problems_dir / 'sections.yaml'}: sections.1.titel: unknown field",
    ]
    assert listed(client, student) == []  # fail closed
    assert listed(client, admin) == ["warmup", "intro", "later"]
    client.put("/api/admin/current-section", headers=admin, json={"section": 1})
    assert listed(client, student) == ["warmup", "intro"]


def test_pages_follow_the_schedule(client, clock) -> None:
    browser = Browser(client)
    home = browser.get("/").text
    assert "第1回 学習" in home and "Session 1: Learning" in home and "Section 0" in home
    assert "Secret later problem" not in home and "第3回" not in home
    assert browser.get("/problems/later").status_code == 404
    assert browser.get("/problems/intro").status_code == 200
    browser.register()
    browser.get("/problems/intro")  # any page with a form, for the CSRF token
    response = browser.submit_form("/problems/intro", "/problems/later/submit", {"code": "x"})
    assert response.status_code == 404 and "Secret later problem" not in response.text

    clock.now = MAY_1
    assert "Secret later problem" in browser.get("/").text
    assert browser.get("/problems/later").status_code == 200


def test_pages_hide_a_submission_whose_section_closed(client, accounts, clock) -> None:
    browser = Browser(client)
    browser.register()
    admin = accounts.admin()
    client.put("/api/admin/current-section", headers=admin, json={"section": 3})
    response = browser.submit("later", "#fake ECHO")
    assert response.status_code == 303
    page = response.headers["location"]
    assert browser.get(page).status_code == 200
    client.put("/api/admin/current-section", headers=admin, json={"section": None})
    assert browser.get(page).status_code == 404
    assert browser.get(page + "/events").status_code == 404
    assert "later" not in browser.get("/submissions").text


def test_the_api_and_the_pages_read_a_submission_through_one_check(
    client, accounts, clock, judge_queued
) -> None:
    """service.readable decides for the API and the pages alike, for the result and for the event
    stream: the same status for each case, and the same events from both streams."""
    browser = Browser(client)
    browser.register("alice")
    alice, bob, admin = accounts.token("alice", PASSWORD), accounts.user("bob"), accounts.admin()
    client.put("/api/admin/current-section", headers=admin, json={"section": 3})
    own = submit(client, alice, "intro").json()["id"]
    own_closed = submit(client, alice, "later").json()["id"]
    theirs = submit(client, bob, "intro").json()["id"]
    judge_queued()
    client.put("/api/admin/current-section", headers=admin, json={"section": None})  # closes 3

    expected = {own: 200, theirs: 403, own_closed: 404, 999999: 404}
    for submission_id, status in expected.items():
        answers = [
            client.get(f"/api/submissions/{submission_id}", headers=alice).status_code,
            client.get(f"/api/submissions/{submission_id}/events", headers=alice).status_code,
            browser.get(f"/submissions/{submission_id}").status_code,
            browser.get(f"/submissions/{submission_id}/events").status_code,
        ]
        assert answers == [status] * 4, submission_id

    def stream(path: str, headers: dict[str, str]) -> tuple[str, list[str]]:
        with client.stream("GET", path, headers=headers) as response:
            return response.headers["content-type"], list(response.iter_lines())

    assert stream(f"/api/submissions/{own}/events", alice) == stream(
        f"/submissions/{own}/events", {}
    )
