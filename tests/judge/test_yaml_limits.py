"""A package's YAML is hostile input: aliases, deep nesting and huge files are refused in one line
naming the file and line, and every message quotes at most a short piece of a value (issue 9:
an alias bomb of 3 KB zipped made a 312 MB error message)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from judge.problem_yaml import MAX_ERRORS, MAX_MESSAGE_CHARS, MAX_YAML_BYTES, ProblemError
from judge.problemset import load_problem
from judge.sections import load_schedule
from tests.judge.conftest import PackageMaker

REPO = Path(__file__).resolve().parents[2]


def alias_bomb(levels: int = 8, width: int = 9) -> str:
    """YAML of a few hundred bytes whose last anchor expands to width**levels strings."""
    lines = ["bomb0: &a0 [" + ", ".join(['"lol"'] * width) + "]"]
    lines += [
        f"bomb{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]"
        for level in range(1, levels + 1)
    ]
    return "\n".join(lines) + "\n"


def with_bomb(root: Path) -> Path:
    yaml_path = root / "problem.yaml"
    text = yaml_path.read_text().replace("title: Demo problem\n", "")
    yaml_path.write_text(text + alias_bomb() + "title: *a8\n")
    return yaml_path


def load_error(root: Path) -> ProblemError:
    with pytest.raises(ProblemError) as caught:
        load_problem(root)
    return caught.value


def assert_bounded(error: ProblemError) -> None:
    assert len(error.lines) <= MAX_ERRORS + 1
    for line in error.lines:
        assert "\n" not in line and len(line) < MAX_MESSAGE_CHARS + 300, line[:400]


def test_an_alias_bomb_is_refused_naming_the_file_and_line(make_package: PackageMaker) -> None:
    yaml_path = with_bomb(make_package())
    bomb_line = yaml_path.read_text().splitlines().index(alias_bomb().splitlines()[1]) + 1
    error = load_error(yaml_path.parent)
    refusal = "YAML aliases (*a0) are not allowed in a package: write the value out"
    assert error.lines == [f"{yaml_path}: line {bomb_line}: {refusal}"]


def test_a_merge_key_from_an_alias_is_refused_too(make_package: PackageMaker) -> None:
    root = make_package()
    with (root / "problem.yaml").open("a") as yaml_file:
        yaml_file.write("base: &base {time_ms: 1000}\nlimits:\n  <<: *base\n")
    assert "YAML aliases (*base) are not allowed" in str(load_error(root))


@pytest.mark.parametrize("depth", [40, 50_000])
def test_deep_nesting_is_refused(make_package: PackageMaker, depth: int) -> None:
    root = make_package()
    with (root / "problem.yaml").open("a") as yaml_file:
        yaml_file.write("notes: " + "[" * depth + "]" * depth + "\n")
    error = load_error(root)
    assert "nested deeper than 32 levels" in str(error)
    assert_bounded(error)


def test_a_huge_yaml_file_is_refused_before_parsing(make_package: PackageMaker) -> None:
    root = make_package()
    with (root / "problem.yaml").open("a") as yaml_file:
        yaml_file.write("# " + "x" * MAX_YAML_BYTES + "\n")
    assert str(load_error(root)).endswith(
        "problem.yaml: larger than 256 KiB (a package's YAML is a few KiB)"
    )


def test_a_huge_value_is_quoted_short(make_package: PackageMaker) -> None:
    root = make_package(title="x" * 200_000)
    error = load_error(root)
    assert_bounded(error)
    assert error.field == "title" and "at most 120 characters (got 'xxx" in error.message
    assert "..." in error.message and len(error.message) < 200  # reprlib elides the middle


def test_a_huge_key_is_named_short(make_package: PackageMaker) -> None:
    root = make_package()
    key = "k" * 1_000  # YAML allows simple keys up to 1024 characters
    with (root / "problem.yaml").open("a") as yaml_file:
        yaml_file.write(f"{key}: 1\n{key}: 2\n")
    error = load_error(root)
    assert_bounded(error)
    assert error.field is not None and error.field.startswith("kkk") and error.field.endswith("…")


def test_thousands_of_mistakes_give_a_bounded_list(make_package: PackageMaker) -> None:
    root = make_package(samples=[{"bad": i} for i in range(5_000)])
    error = load_error(root)
    assert_bounded(error)
    assert error.lines[-1].endswith(f"… and {5_000 - MAX_ERRORS} more errors")


def test_sections_yaml_refuses_aliases(tmp_path: Path) -> None:
    (tmp_path / "sections.yaml").write_text(
        "sections:\n  1: &one {title: One}\n  2: *one\n", encoding="utf-8"
    )
    with pytest.raises(ProblemError, match=r"sections.yaml: line 3: YAML aliases \(\*one\)"):
        load_schedule(tmp_path)


def test_problems_check_refuses_the_alias_bomb_in_one_line(make_package: PackageMaker) -> None:
    yaml_path = with_bomb(make_package())
    folder = str(yaml_path.parent.parent)
    done = subprocess.run(
        [sys.executable, "-m", "judge.cli", "problems", "check", "demo", "--problems", folder],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert done.stderr.count("\n") == 1 and len(done.stderr) < 400, done.stderr[:2000]
    assert "YAML aliases (*a0) are not allowed" in done.stderr
