from __future__ import annotations

from app.db import transaction
from app.problems import service as problems


def test_list_is_public_and_ordered_by_section(client):
    response = client.get("/api/problems")
    assert response.status_code == 200
    listed = response.json()
    assert [p["id"] for p in listed] == ["echo-en", "echo"]
    echo = listed[1]
    assert echo == {
        "id": "echo",
        "title": "Echo",
        "title_ja": "Echo（日本語）",
        "section": 3,
        "points": 100.0,
        "solved_by": 0,
        "my_best_score": None,
    }


def test_solved_by_and_my_best_score(client, accounts, judge_queued):
    alice, bob = accounts.user("alice"), accounts.user("bob")
    client.post(
        "/api/submissions", json={"problem_id": "echo", "code": "#fake ECHO"}, headers=alice
    )
    client.post("/api/submissions", json={"problem_id": "echo", "code": "print(1)"}, headers=bob)
    judge_queued()
    by_id = {p["id"]: p for p in client.get("/api/problems", headers=alice).json()}
    assert by_id["echo"]["solved_by"] == 1
    assert by_id["echo"]["my_best_score"] == 100.0
    assert by_id["echo-en"]["my_best_score"] is None
    bobs = {p["id"]: p for p in client.get("/api/problems", headers=bob).json()}
    assert bobs["echo"]["my_best_score"] == 0.0


def test_list_with_a_bad_token_is_401(client):
    response = client.get("/api/problems", headers={"Authorization": "Bearer forged"})
    assert response.status_code == 401


def test_detail_in_each_language(client):
    english = client.get("/api/problems/echo").json()
    assert english["lang"] == "en" and english["statement"].startswith("# Echo")
    assert english["samples"] == [{"name": "1", "input": "3\n", "output": "3\n"}]
    assert english["limits"]["time_ms"] > 0 and english["test_count"] == 3
    japanese = client.get("/api/problems/echo", params={"lang": "ja"}).json()
    assert japanese["lang"] == "ja" and "入力" in japanese["statement"]
    # No Japanese statement: English, and the response says so.
    fallback = client.get("/api/problems/echo-en", params={"lang": "ja"}).json()
    assert fallback["lang"] == "en"


def test_unknown_problem_is_404_and_bad_language_is_422(client):
    response = client.get("/api/problems/nope")
    assert response.status_code == 404 and response.json()["detail"] == "no problem 'nope'"
    response = client.get("/api/problems/echo", params={"lang": "fr"})
    assert response.status_code == 422 and response.json()["errors"][0]["loc"] == ["query", "lang"]


def test_sync_notices_changes_additions_removals_and_errors(tmp_path, session_factory):
    from tests.app.fakes import write_problem

    write_problem(tmp_path, "one")
    write_problem(tmp_path, "two")
    with transaction(session_factory) as session:
        first = problems.sync(session, tmp_path)
    assert first.added == ["one", "two"]
    (tmp_path / "one" / "tests" / "1.ans").write_text("4\n")
    (tmp_path / "two" / "problem.yaml").write_text("id: two\ntitle: T\nsection: 9\n")
    write_problem(tmp_path, "three")
    with transaction(session_factory) as session:
        second = problems.sync(session, tmp_path)
        assert session.get(problems.ProblemRecord, "two").active  # the broken one stays readable
    assert second.updated == ["one"] and second.added == ["three"]
    assert len(second.errors) == 1 and "section" in second.errors[0]
    import shutil

    shutil.rmtree(tmp_path / "three")
    with transaction(session_factory) as session:
        third = problems.sync(session, tmp_path)
        assert not session.get(problems.ProblemRecord, "three").active
    assert third.removed == ["three"] and third.unchanged == ["one"]
