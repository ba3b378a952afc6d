"""The admin pages through httpx: who may open them, each form's action and its audit entry (the
same ones as over the API), CSRF, and the leaderboard's team and section views."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from app.admin.models import AuditEntry
from app.db import transaction
from app.submissions.models import Submission
from app.web import admin_pages
from tests.app.fakes import write_problem
from tests.app.test_admin import problems_dir, zip_folder  # noqa: F401 (a private problems/)
from tests.web.conftest import PASSWORD, Browser, csrf_of


def part(pattern: str, html: str) -> str:
    """The first piece of the page matching `pattern` (across lines); fails if there is none."""
    match = re.search(pattern, html, re.DOTALL)
    assert match, pattern
    return match.group(0)


def audit_rows(session_factory) -> list[tuple[str, str, dict]]:
    with transaction(session_factory) as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [(r.username, r.action, r.details) for r in rows]


@pytest.fixture
def admin(browser: Browser, accounts) -> Browser:
    """The test's browser, logged in as the administrator `root`."""
    accounts.admin("root")
    response = browser.submit_form("/login", "/login", {"username": "root", "password": PASSWORD})
    assert response.status_code == 303
    return browser


def second_browser(client: TestClient, username: str) -> Browser:
    """Another browser (own cookies) on the same app, registered as a student."""
    other = Browser(TestClient(client.app))
    other.register(username)
    return other


def post(browser: Browser, page: str, action: str, data=None, **options):  # type: ignore[no-untyped-def]
    return browser.submit_form(page, action, data or {}, **options)


ADMIN_PAGES = ["/admin/problems", "/admin/users", "/admin/submissions", "/admin/audit"]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_are_for_admins_only(browser: Browser, client, path) -> None:
    anonymous = browser.get(path, follow_redirects=False)
    assert anonymous.status_code == 303 and anonymous.headers["location"] == f"/login?next={path}"
    browser.register("alice")
    student = browser.get(path)
    assert student.status_code == 403 and "This page is for administrators." in student.text
    assert 'href="/admin/problems"' not in student.text  # no Admin link in the menu


def test_a_student_cannot_act_even_with_a_valid_form(browser: Browser, session_factory) -> None:
    browser.register("alice")
    for action in (
        "/admin/problems/reload",
        "/admin/problems/echo/rejudge",
        "/admin/current-section",
        "/admin/users/alice",
    ):
        response = post(browser, "/", action, {"is_admin": "1", "section": "1"})
        assert response.status_code == 403, action
    assert audit_rows(session_factory) == []


def test_problems_page_lists_versions_states_and_sections(
    admin: Browser,
    problems_dir,  # noqa: F811
) -> None:
    (problems_dir / "sections.yaml").write_text(
        "sections:\n  3: {title: Autograd, title_ja: 自動微分, release: 2999-01-02T03:04:00Z}\n"
    )
    page = admin.get("/admin/problems")
    assert page.status_code == 200 and 'href="/admin/problems"' in page.text
    row = part(r'<tr data-problem="echo">.*?</tr>', page.text)
    assert "closed" in row and "<code" in row
    assert "2999-01-02 03:04:00 UTC" in page.text and "自動微分" in page.text


def test_upload_shows_the_new_version_or_each_reason(
    admin: Browser,
    session_factory,
    tmp_path,
    problems_dir,  # noqa: F811
) -> None:
    package = write_problem(tmp_path / "src", "uploaded", title="Uploaded")
    data = zip_folder(package, prefix="uploaded")
    page = admin.client.get("/admin/problems").text
    token = csrf_of(page)
    files = {"file": ("uploaded.zip", data, "application/zip")}

    forged = admin.client.post("/admin/problems/upload", files=files, data={"csrf_token": "x"})
    assert forged.status_code == 403 and "This form expired" in forged.text
    assert not (problems_dir / "uploaded").exists()

    done = admin.client.post("/admin/problems/upload", files=files, data={"csrf_token": token})
    assert done.status_code == 200, done.text
    assert 'id="upload-result"' in done.text and "Uploaded uploaded: version" in done.text
    assert '<tr data-problem="uploaded">' in done.text  # listed at once
    # The reference solution's results, test by test.
    table = part(r'id="reference-tests".*?</table>', done.text)
    tests = len(list((package / "tests").glob("*.ans")))
    assert table.count("verdict-AC") == tests >= 2 and "verdict-WA" not in table

    wrong = write_problem(tmp_path / "src", "wrong", solution="print('oops')\n")
    files = {"file": ("wrong.zip", zip_folder(wrong), "application/zip")}
    judged = admin.client.post("/admin/problems/upload", files=files, data={"csrf_token": token})
    assert judged.status_code == 422
    assert "wrong/solution.py: got WA" in part(r'id="upload-errors">.*?</div>', judged.text)
    table = part(r'id="reference-tests".*?</table>', judged.text)
    assert table.count("verdict-WA") == tests and "verdict-AC" not in table
    assert not (problems_dir / "wrong").exists()

    broken = write_problem(tmp_path / "src", "broken", solution="print('oops')\n")
    (broken / "problem.yaml").write_text(
        (broken / "problem.yaml").read_text().replace("section: 3", "section: 12\nbogus: 1")
    )
    files = {"file": ("broken.zip", zip_folder(broken), "application/zip")}
    refused = admin.client.post("/admin/problems/upload", files=files, data={"csrf_token": token})
    assert refused.status_code == 422
    reasons = part(r'id="upload-errors">.*?</div>', refused.text)
    # One line per mistake, each naming the file and the field.
    assert reasons.count("<li>") == 2 and "bogus" in reasons and "section" in reasons
    nothing = admin.client.post("/admin/problems/upload", data={"csrf_token": token})
    assert nothing.status_code == 422 and "Choose a zip file." in nothing.text

    (entry,) = audit_rows(session_factory)
    assert entry[:2] == ("root", "problems.upload") and entry[2]["id"] == "uploaded"


def test_reload_rejudge_and_current_section_forms(
    admin: Browser,
    client,
    session_factory,
    judge_queued,
    dispatcher,
    problems_dir,  # noqa: F811
) -> None:
    alice = second_browser(client, "alice")
    alice.submit("echo", "#fake ECHO")
    judge_queued()

    write_problem(problems_dir, "fresh", title="Fresh")
    reloaded = post(admin, "/admin/problems", "/admin/problems/reload")
    assert reloaded.status_code == 200 and "Added: fresh" in reloaded.text

    rejudged = post(admin, "/admin/problems", "/admin/problems/echo/rejudge")
    assert "1 submissions of echo are queued to be judged again." in rejudged.text
    assert len(dispatcher.enqueued) == 1
    missing = post(admin, "/admin/problems", "/admin/problems/nope/rejudge")
    assert missing.status_code == 404 and "There is no problem" in missing.text

    opened = post(admin, "/admin/problems", "/admin/current-section", {"section": "2"})
    assert "Sections up to 2 are open to students." in opened.text
    assert '<option value="2" selected>' in opened.text
    assert alice.get("/problems/echo").status_code == 404  # section 3 is closed now
    cleared = post(admin, "/admin/problems", "/admin/current-section", {"section": ""})
    assert "The current section is cleared" in cleared.text
    bad = post(admin, "/admin/problems", "/admin/current-section", {"section": "9"})
    assert bad.status_code == 422

    assert [(who, what) for who, what, _ in audit_rows(session_factory)] == [
        ("root", "problems.reload"),
        ("root", "problems.rejudge"),
        ("root", "sections.current"),
        ("root", "sections.current"),
    ]


def test_users_search_team_and_admin(
    admin: Browser, client, accounts, session_factory, monkeypatch
) -> None:
    for name in ("alice", "albert", "bob"):
        accounts.user(name)
    found = admin.get("/admin/users?q=AL")
    assert 'data-user="alice"' in found.text and 'data-user="albert"' in found.text
    assert 'data-user="bob"' not in found.text and "2 users" in found.text

    saved = post(admin, "/admin/users?q=al", "/admin/users/alice", {"team": "チームA", "q": "al"})
    assert saved.status_code == 200 and "Saved alice." in saved.text
    assert 'value="チームA"' in saved.text and 'data-user="bob"' not in saved.text
    promoted = post(admin, "/admin/users", "/admin/users/bob", {"team": "", "is_admin": "1"})
    assert promoted.status_code == 200
    too_long = post(admin, "/admin/users", "/admin/users/bob", {"team": "x" * 40})
    assert too_long.status_code == 422 and "at most 32 characters" in too_long.text
    assert 'value="' + "x" * 40 + '"' in too_long.text  # shown again as typed
    myself = post(admin, "/admin/users", "/admin/users/root", {"team": ""})  # box unticked
    assert myself.status_code == 409 and "your own administrator rights" in myself.text

    monkeypatch.setattr(admin_pages, "PAGE_SIZE", 2)
    first = admin.get("/admin/users")
    assert "Page 1 of 2" in first.text and 'href="?page=2"' in first.text

    entries = audit_rows(session_factory)
    assert [(e[1], e[2]["username"], e[2]["changes"]) for e in entries] == [
        ("users.update", "alice", {"team": [None, "チームA"]}),
        ("users.update", "bob", {"is_admin": [False, True]}),
    ]
    bob = Browser(TestClient(client.app))
    bob.submit_form("/login", "/login", {"username": "bob", "password": PASSWORD})
    assert bob.get("/admin/audit").status_code == 200


def test_all_submissions_filters_pages_and_rejudge(
    admin: Browser, client, session_factory, judge_queued, dispatcher, monkeypatch
) -> None:
    alice, bob = second_browser(client, "alice"), second_browser(client, "bob")
    ids = []
    for who, code in ((alice, "#fake ECHO"), (alice, "wrong"), (bob, "#fake ECHO")):
        ids.append(int(who.submit("echo", code).headers["location"].rsplit("/", 1)[1]))
    judge_queued()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with transaction(session_factory) as session:
        for minutes, submission_id in zip((0, 10, 20), ids, strict=True):
            moment = start + timedelta(minutes=minutes)
            session.execute(
                update(Submission).where(Submission.id == submission_id).values(created_at=moment)
            )

    def shown(query: str) -> list[int]:
        page = admin.get(f"/admin/submissions?{query}")
        assert page.status_code == 200, page.text
        return [int(i) for i in re.findall(r'data-submission="(\d+)"', page.text)]

    assert shown("") == ids[::-1]
    assert shown("user=alice") == [ids[1], ids[0]]
    assert shown("user=nobody") == []
    assert shown("verdict=AC") == [ids[2], ids[0]]
    assert shown("user=alice&verdict=WA&problem=echo") == [ids[1]]
    assert shown("since=2026-01-01T00:05&until=2026-01-01T00:20") == [ids[1]]
    bad = admin.get("/admin/submissions?since=yesterday&verdict=XX")
    assert (
        bad.status_code == 422 and "Unknown verdict" in bad.text and "2026-04-10T13:00" in bad.text
    )

    monkeypatch.setattr(admin_pages, "PAGE_SIZE", 2)
    first = admin.get("/admin/submissions")
    assert 'href="?page=2"' in first.text
    assert shown("page=2") == [ids[0]]

    # Any code is readable, and rejudging from the list comes back to the list.
    code_page = admin.get(f"/submissions/{ids[1]}")
    assert code_page.status_code == 200 and "wrong" in code_page.text
    assert f'action="/admin/submissions/{ids[1]}/rejudge"' in code_page.text
    assert "/rejudge" not in alice.get(f"/submissions/{ids[1]}").text
    back = post(
        admin,
        "/admin/submissions?user=alice",
        f"/admin/submissions/{ids[1]}/rejudge",
        {"next": "/admin/submissions?user=alice"},
    )
    assert back.status_code == 303 and back.headers["location"] == "/admin/submissions?user=alice"
    again = post(admin, f"/submissions/{ids[0]}", f"/admin/submissions/{ids[0]}/rejudge")
    assert again.headers["location"] == f"/submissions/{ids[0]}"
    assert "queued" in admin.get(f"/submissions/{ids[0]}").text
    assert dispatcher.enqueued == [ids[1], ids[0]]
    outside = post(admin, "/", f"/admin/submissions/{ids[0]}/rejudge", {"next": "//evil.example"})
    assert outside.headers["location"] == "/"
    forged = admin.client.post(f"/admin/submissions/{ids[0]}/rejudge", data={"csrf_token": "x"})
    assert forged.status_code == 403
    assert post(admin, "/", "/admin/submissions/999999/rejudge").status_code == 404

    actions = [(who, what, d["submission_id"]) for who, what, d in audit_rows(session_factory)]
    assert actions == [
        ("root", "submissions.rejudge", ids[1]),
        ("root", "submissions.rejudge", ids[0]),
        ("root", "submissions.rejudge", ids[0]),
    ]


def test_audit_page_lists_and_filters(admin: Browser, accounts) -> None:
    accounts.user("alice")
    assert "Nothing yet." in admin.get("/admin/audit").text
    post(admin, "/admin/users", "/admin/users/alice", {"team": "チームA"})
    post(admin, "/admin/problems", "/admin/problems/reload")
    page = admin.get("/admin/audit")
    assert "2 entries" in page.text
    assert page.text.index('data-action="problems.reload"') < page.text.index(
        'data-action="users.update"'
    )
    # Details as JSON, Japanese kept readable and still escaped.
    assert "&#34;changes&#34;: {&#34;team&#34;: [null, &#34;チームA&#34;]}" in page.text
    only = admin.get("/admin/audit?action=users.update")
    assert "1 entries" in only.text and 'data-action="problems.reload"' not in only.text


def test_leaderboard_page_teams_and_sections(
    browser: Browser, client, accounts, judge_queued
) -> None:
    admin = accounts.admin("root")
    for name, team in (("ann", "A"), ("ben", "A"), ("cat", None)):
        headers = accounts.user(name)
        client.post(
            "/api/submissions", headers=headers, json={"problem_id": "echo", "code": "#fake ECHO"}
        )
        if team:
            client.put(f"/api/admin/users/{name}", headers=admin, json={"team": team})
    judge_queued()

    users = browser.get("/leaderboard")
    assert 'href="?view=teams"' in users.text and "<td>A</td>" in users.text
    teams = browser.get("/leaderboard?view=teams")
    assert teams.status_code == 200
    row = part(r'<table id="team-standings">.*?</table>', teams.text)
    assert "<td>A</td>" in row and "ann, ben" in row and '<td class="num">200</td>' in row
    assert "cat" not in row
    section = browser.get("/leaderboard?view=teams&section=3")
    assert "Only the problems of section 3 count." in section.text
    assert browser.get("/leaderboard?section=6").status_code == 200  # open, nothing in it
    client.put("/api/admin/current-section", headers=admin, json={"section": 1})
    assert browser.get("/leaderboard?section=3").status_code == 404
