"""A submission's maximum comes from the package that judged it, like its score (one source,
judging.finish): after the points change and a rejudge, score and maximum agree in the API, the
listing, the problem list, the leaderboard and the pages, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.fakes import write_problem
from tests.web.conftest import PASSWORD, Browser

# Two tests of three right under `mean` scoring: two thirds of the points.
TWO_OF_THREE = "#fake ONLY 3 5\n"


@pytest.fixture
def problems_dir(tmp_path: Path) -> Path:
    root = tmp_path / "problems"
    write_problem(root, "pts", points=90)
    return root


def _everywhere(client, browser, headers, submission_id: int) -> dict[str, object]:  # type: ignore[no-untyped-def]
    one = client.get(f"/api/submissions/{submission_id}", headers=headers).json()
    item = client.get("/api/submissions?mine=true", headers=headers).json()["items"][0]
    problem = next(p for p in client.get("/api/problems", headers=headers).json())
    standing = client.get("/api/leaderboard").json()[0]
    page = browser.get(f"/submissions/{submission_id}").text
    return {
        "api": (one["score"], one["max_score"]),
        "listing": (item["score"], item["max_score"]),
        "problem list": (problem["my_best_score"], problem["points"]),
        "leaderboard": standing["score"],
        "page": f'<span id="score">{one["score"]:g}</span> / {one["max_score"]:g}' in page,
    }


def _agreeing(score: float, maximum: float) -> dict[str, object]:
    return {
        "api": (score, maximum),
        "listing": (score, maximum),
        "problem list": (score, maximum),
        "leaderboard": score,
        "page": True,
    }


def test_points_changed_then_rejudged_agree_everywhere(
    client, accounts, judge_queued, problems_dir
):
    browser = Browser(client)
    browser.register("alice")
    alice, admin = accounts.token("alice", PASSWORD), accounts.admin()
    submission_id = client.post(
        "/api/submissions", headers=alice, json={"problem_id": "pts", "code": TWO_OF_THREE}
    ).json()["id"]
    judge_queued()
    assert _everywhere(client, browser, alice, submission_id) == _agreeing(60.0, 90.0)

    write_problem(problems_dir, "pts", points=30)
    assert client.post("/api/admin/problems/reload", headers=admin).status_code == 200
    rejudged = client.post(f"/api/admin/submissions/{submission_id}/rejudge", headers=admin)
    assert rejudged.status_code == 202, rejudged.text
    judge_queued()
    assert _everywhere(client, browser, alice, submission_id) == _agreeing(20.0, 30.0)


def test_an_edit_on_disk_changes_nothing_until_the_service_syncs_it(
    client, accounts, judge_queued, problems_dir
):
    """Judges read the stored version, as the problem's row does: a package edited on disk (its
    points now 30) is not what a submission is judged with until the next sync."""
    browser = Browser(client)
    browser.register("alice")
    alice = accounts.token("alice", PASSWORD)
    write_problem(problems_dir, "pts", points=30)  # on disk only: no reload yet
    submission_id = client.post(
        "/api/submissions", headers=alice, json={"problem_id": "pts", "code": TWO_OF_THREE}
    ).json()["id"]
    judge_queued()
    assert _everywhere(client, browser, alice, submission_id) == _agreeing(60.0, 90.0)
