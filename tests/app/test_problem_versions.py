"""Problem versions in the database: what syncs and uploads store, what judges judge with."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import transaction
from app.problems.models import ProblemRecord, ProblemVersion
from judge.problemset import load_problem
from judge.runner import RunRequest, RunResult
from tests.app.fakes import FakeRunner, write_problem
from tests.app.test_admin import submit, upload, zip_folder
from tests.web.conftest import PASSWORD, Browser


@pytest.fixture
def problems_dir(tmp_path: Path) -> Path:
    """A private copy: these tests change and upload packages."""
    root = tmp_path / "problems"
    write_problem(root, "echo")
    return root


class RunnerWithAHook(FakeRunner):
    """Calls `during_first_run` once, from inside the first test it runs: something an admin
    does while a judge is in the middle of a submission."""

    def __init__(self) -> None:
        super().__init__()
        self.during_first_run = lambda: None

    def run(self, request: RunRequest) -> RunResult:
        hook, self.during_first_run = self.during_first_run, lambda: None
        hook()
        return super().run(request)


@pytest.fixture
def runner() -> RunnerWithAHook:
    return RunnerWithAHook()


def versions(factory) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with transaction(factory) as session:
        rows = session.execute(select(ProblemVersion.version, ProblemVersion.problem_id))
        return {row.version: row.problem_id for row in rows}


def current(factory, problem_id: str = "echo") -> str:  # type: ignore[no-untyped-def]
    with transaction(factory) as session:
        return session.get(ProblemRecord, problem_id).version


def test_a_sync_stores_each_package_once_and_keeps_the_old_versions(
    client, accounts, session_factory, problems_dir
) -> None:
    first = current(session_factory)
    assert first == load_problem(problems_dir / "echo").version
    assert versions(session_factory) == {first: "echo"}
    admin = accounts.admin()
    assert client.post("/api/admin/problems/reload", headers=admin).json()["unchanged"] == ["echo"]
    assert versions(session_factory) == {first: "echo"}  # the same files: no second copy

    (problems_dir / "echo" / "tests" / "2.ans").write_text("6\n")
    assert client.post("/api/admin/problems/reload", headers=admin).json()["updated"] == ["echo"]
    second = current(session_factory)
    assert second != first and versions(session_factory) == {first: "echo", second: "echo"}


def test_a_judge_needs_no_problems_folder(
    client, accounts, judge_queued, problems_dir, tmp_path
) -> None:
    alice = accounts.user("alice")
    shutil.rmtree(problems_dir / "echo")  # as on a worker's machine: the folder is not there
    submission_id = submit(client, alice, "#fake ECHO")
    judge_queued()
    judged = client.get(f"/api/submissions/{submission_id}", headers=alice).json()
    assert (judged["verdict"], len(judged["tests"])) == ("AC", 3)


def test_an_upload_while_judging_changes_nothing_of_that_judging_and_a_rejudge_takes_it(
    client, accounts, judge_queued, runner, session_factory, tmp_path
) -> None:
    alice, admin = accounts.user("alice"), accounts.admin()
    old_version = current(session_factory)
    submission_id = submit(client, alice, "#fake ECHO")
    # The new version has other tests (a judge mixing the two would see WA) and 200 points.
    changed = write_problem(
        tmp_path / "upload", "echo", points=200, tests={"1": "4", "2": "6", "3": "9", "4": "13"}
    )
    uploaded: list[int] = []

    def upload_now() -> None:
        uploaded.append(upload(client, admin, zip_folder(changed)).status_code)

    runner.during_first_run = upload_now
    judge_queued()
    assert uploaded == [201] and current(session_factory) != old_version

    judged = client.get(f"/api/submissions/{submission_id}", headers=admin).json()
    # Judged whole with the version it started with: its three tests, its 100 points.
    assert (judged["verdict"], judged["score"], judged["max_score"]) == ("AC", 100, 100)
    assert [t["name"] for t in judged["tests"]] == ["1", "2", "3"]
    assert judged["problem_version"] == old_version

    client.post(f"/api/admin/submissions/{submission_id}/rejudge", headers=admin)
    judge_queued()
    rejudged = client.get(f"/api/submissions/{submission_id}", headers=admin).json()
    assert (rejudged["score"], rejudged["max_score"], len(rejudged["tests"])) == (200, 200, 4)
    assert rejudged["problem_version"] == current(session_factory)


def test_only_admins_see_the_version_a_submission_was_judged_with(
    client, accounts, judge_queued, session_factory
) -> None:
    alice, admin = accounts.user("alice"), accounts.admin()
    submission_id = submit(client, alice, "#fake ECHO")
    judge_queued()
    path = f"/api/submissions/{submission_id}"
    assert client.get(path, headers=admin).json()["problem_version"] == current(session_factory)
    assert client.get(path, headers=alice).json()["problem_version"] is None


def test_the_submission_page_shows_admins_the_version(
    client, accounts, judge_queued, session_factory
) -> None:
    browser = Browser(client, "ja")
    browser.register("alice")
    submission_id = submit(client, accounts.token("alice", PASSWORD), "#fake ECHO")
    judge_queued()
    assert "問題のバージョン" not in browser.get(f"/submissions/{submission_id}").text
    accounts.admin("root")
    client.cookies.clear()
    logged_in = browser.submit_form(
        "/login", "/login", {"username": "root", "password": "correct-horse-battery"}
    )
    assert logged_in.status_code == 303, logged_in.text
    page = browser.get(f"/submissions/{submission_id}").text
    version = current(session_factory)
    assert "問題のバージョン" in page and f'title="{version}">{version[:12]}</code>' in page
