"""`mljudge judge` and `mljudge problems ...` end to end, through the real sandbox."""

from __future__ import annotations

import json
import os
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


def mljudge_env(env: dict[str, str], *args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "judge.cli", *args],
        check=False,
        cwd=cwd,
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_judge_json_reports_every_test(tmp_path):
    solution = PROBLEMS / "autograd-practice-1" / "solution.py"
    done = mljudge("judge", "autograd-practice-1", str(solution), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {"problem", "verdict", "score", "max_score", "tests", "groups"}
    assert report["groups"] == []  # all-or-nothing: no groups
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


def test_judge_shows_the_groups_in_the_table_and_the_json(tmp_path):
    """hello-autograd is scored in groups; printing the sample's answer earns nothing."""
    source = PROBLEMS / "hello-autograd" / "expect" / "sample_answer_only.py"
    done = mljudge("judge", "hello-autograd", str(source))
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split() for line in done.stdout.splitlines() if line.strip()}
    assert rows["sample"][1:6] == ["min", "AC", "0", "/", "0"]
    assert rows["decimal-x"][1:6] == ["min", "WA", "0", "/", "60"]
    assert "hello-autograd: WA, 0 / 100 points" in done.stdout
    done = mljudge("judge", "hello-autograd", str(source), "--json")
    groups = json.loads(done.stdout)["groups"]
    assert [(g["name"], g["score"], g["points"]) for g in groups] == [
        ("sample", 0.0, 0.0),
        ("decimal-x", 0.0, 60.0),
        ("integer-x", 0.0, 30.0),
        ("python-conditional", 0.0, 10.0),
    ]
    assert groups[1]["tests"] == ["3", "4", "5", "6", "7", "9"]


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
    assert "FAIL my-problem" in done.stdout and "my-problem/solution.py: got WA 0/" in done.stdout


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


def test_problems_folder_from_the_environment_and_the_flag_wins(tmp_path):
    env = {**os.environ, "MLJUDGE_PROBLEMS_DIR": str(tmp_path / "from-env")}
    done = mljudge_env(env, "problems", "new", "envy")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "from-env" / "envy" / "problem.yaml").is_file()
    done = mljudge_env(env, "problems", "new", "flagged", "--problems", str(tmp_path / "flag"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "flag" / "flagged").is_dir()
    assert not (tmp_path / "from-env" / "flagged").exists()


def test_no_such_problem_names_the_absolute_folder_and_where_it_came_from(tmp_path):
    env = {**os.environ, "MLJUDGE_PROBLEMS_DIR": "relative-problems"}
    done = mljudge_env(env, "judge", "nope", "x.py", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    folder = tmp_path / "relative-problems"
    assert done.stderr == (
        f"mljudge: {folder / 'nope'}: no such problem "
        f"(looked in {folder}, from MLJUDGE_PROBLEMS_DIR; known: none)\n"
    )
    done = mljudge_env(env, "judge", "nope", "x.py", "--problems", "p", cwd=tmp_path)
    assert f"(looked in {tmp_path / 'p'}, from --problems;" in done.stderr
    env.pop("MLJUDGE_PROBLEMS_DIR")
    done = mljudge_env(env, "judge", "nope", "x.py", cwd=tmp_path)
    assert f"(looked in {tmp_path / 'problems'}, from the default ./problems;" in done.stderr


def test_several_mistakes_are_one_line_each_naming_the_file(tmp_path):
    mljudge("problems", "new", "typos", "--problems", str(tmp_path))
    yaml_path = tmp_path / "typos" / "problem.yaml"
    text = (
        yaml_path.read_text().replace("time_ms:", "time_msec:").replace("section: ", "section: 9#")
    )
    yaml_path.write_text(text + "colour: red\n")
    done = mljudge("problems", "check", "typos", "--problems", str(tmp_path))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 3, done.stderr
    assert all(line.startswith(f"mljudge: {yaml_path}: ") for line in lines)
    assert [line.split(": ")[2] for line in lines] == ["section", "limits.time_msec", "colour"]


def test_checking_every_problem_goes_on_past_a_package_that_does_not_load(tmp_path):
    for name in ("broken", "fine"):
        assert mljudge("problems", "new", name, "--problems", str(tmp_path)).returncode == 0
    yaml_path = tmp_path / "broken" / "problem.yaml"
    yaml_path.write_text(yaml_path.read_text() + "colour: red\nsize: 3\n")
    done = mljudge("problems", "check", "--problems", str(tmp_path))
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[:3] == [
        "FAIL broken (does not load)",
        f"  - {yaml_path}: colour: unknown field",
        f"  - {yaml_path}: size: unknown field",
    ]
    assert "ok   fine (" in done.stdout
    assert done.stdout.endswith("1 of 2 problems passed\n")


def test_checking_every_problem_checks_sections_yaml_too(tmp_path):
    (tmp_path / "sections.yaml").write_text("sections:\n  2: {title: x, release: tomorrow}\n")
    done = mljudge("problems", "check", "--problems", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.startswith(f"mljudge: {tmp_path / 'sections.yaml'}: sections.2.release: ")


def test_check_warns_of_a_missing_english_statement_and_passes(tmp_path):
    mljudge("problems", "new", "ja-only", "--problems", str(tmp_path))
    folder = tmp_path / "ja-only"
    (folder / "statement.md").unlink()
    english = (folder / "statement.ja.md").read_text(encoding="utf-8")
    assert "## 入力" in english or "## 関数" in english  # the scaffold's sections, kept below
    (folder / "statement.ja.md").write_text("# 日本語だけ\n" + english, encoding="utf-8")
    done = mljudge("problems", "check", "ja-only", "--problems", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"warning: {folder / 'statement.md'}: missing; students see the Japanese" in done.stdout
    assert "ok   ja-only" in done.stdout


def test_problems_list_is_the_catalogue_of_the_shipped_set():
    done = mljudge("problems", "list", "--json")
    assert done.returncode == 0, done.stderr
    rows = {row["id"]: row for row in json.loads(done.stdout)}
    assert set(rows) == {path.parent.name for path in PROBLEMS.glob("*/problem.yaml")}
    assert rows["autograd-function-1"]["mode"] == "function, requires autograd"
    assert rows["hello-autograd"]["scoring"].startswith("groups (sample 0, ")
    assert rows["least-squares"]["scoring"] == "all-or-nothing"
    samples, hidden = map(int, rows["least-squares"]["tests"].split("/"))
    assert samples == 1 and hidden >= 5
    table = mljudge("problems", "list")
    assert table.returncode == 0, table.stderr
    assert table.stdout.startswith("| id | section | points | mode |")
    assert f"{len(rows)} problems in {PROBLEMS}" in table.stdout
