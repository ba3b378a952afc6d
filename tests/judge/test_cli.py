"""`mljudge judge` and `mljudge problems ...` end to end, through the real sandbox."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROBLEMS = REPO / "problems"


def mljudge(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "judge.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_judge_json_reports_every_test(tmp_path):
    solution = PROBLEMS / "autograd-practice-1" / "solution.py"
    done = mljudge("judge", "autograd-practice-1", str(solution), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {"problem", "verdict", "score", "max_score", "tests"}
    assert report["verdict"] == "AC" and report["score"] == report["max_score"]
    assert set(report["tests"][0]) == {
        "name",
        "verdict",
        "score",
        "time_ms",
        "wall_ms",
        "memory_kb",
        "message",
    }


def test_judge_exits_zero_on_a_wrong_answer_and_shows_progress(tmp_path):
    wrong = tmp_path / "wrong.py"
    wrong.write_text("print(7)\n")
    done = mljudge("judge", "autograd-practice-1", str(wrong))
    assert done.returncode == 0, done.stderr
    assert "test 1/" in done.stdout
    assert "autograd-practice-1: WA, 0 / " in done.stdout


def test_unknown_problem_and_missing_file_are_one_line_errors(tmp_path):
    done = mljudge("judge", "no-such-problem", "x.py")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no-such-problem" in done.stderr
    done = mljudge("judge", "autograd-practice-1", str(tmp_path / "missing.py"))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "missing.py: no such file" in done.stderr


def test_new_package_passes_check_and_a_broken_one_fails(tmp_path):
    done = mljudge("problems", "new", "my-problem", "--problems", str(tmp_path))
    assert done.returncode == 0, done.stderr
    done = mljudge("problems", "check", "my-problem", "--problems", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok   my-problem" in done.stdout

    (tmp_path / "my-problem" / "solution.py").write_text("print(0)\n")
    done = mljudge("problems", "check", "--problems", str(tmp_path))
    assert done.returncode == 1
    assert "FAIL my-problem" in done.stdout and "solution.py scored 0" in done.stdout


def test_new_refuses_a_bad_id_and_an_existing_folder(tmp_path):
    done = mljudge("problems", "new", "Bad_Id", "--problems", str(tmp_path))
    assert done.returncode == 2 and "Bad_Id" in done.stderr
    mljudge("problems", "new", "twice", "--problems", str(tmp_path))
    done = mljudge("problems", "new", "twice", "--problems", str(tmp_path))
    assert done.returncode == 2 and "already exists" in done.stderr


def test_a_typo_in_problem_yaml_names_the_file_and_field(tmp_path):
    mljudge("problems", "new", "typo", "--problems", str(tmp_path))
    yaml_path = tmp_path / "typo" / "problem.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("time_ms:", "time_msec:"))
    done = mljudge("problems", "check", "typo", "--problems", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip() == f"mljudge: {yaml_path}: limits.time_msec: unknown field"


def test_check_with_the_default_relative_problems_folder():
    # From the repository root, as the README says: the custom checker and files/ must still be
    # found from the checker's and the sandbox's own working directories.
    done = mljudge("problems", "check", "minimize-difficult-function", cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok   minimize-difficult-function" in done.stdout


def test_check_warns_of_a_missing_english_statement_and_passes(tmp_path):
    mljudge("problems", "new", "ja-only", "--problems", str(tmp_path))
    folder = tmp_path / "ja-only"
    (folder / "statement.md").unlink()
    (folder / "statement.ja.md").write_text("# 日本語だけ\n", encoding="utf-8")
    done = mljudge("problems", "check", "ja-only", "--problems", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"warning: {folder / 'statement.md'}: missing; students see the Japanese" in done.stdout
    assert "ok   ja-only" in done.stdout
