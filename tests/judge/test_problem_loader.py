"""load_problem: a valid package loads; every broken one names the file, the field and the fault."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from judge.problem_yaml import ProblemError, name_of_test
from judge.problemset import load_problem, missing_statements
from judge.runtime import PRELOAD, preload_for
from judge.verdict import Verdict


def load_error(root: Path) -> ProblemError:
    with pytest.raises(ProblemError) as caught:
        load_problem(root)
    return caught.value


def assert_names(error: ProblemError, path: Path, field: str | None, *fragments: str) -> None:
    """`str(error)` starts with the path (then the field) and says what is wrong."""
    where = f"{path}: {field}: " if field else f"{path}: "
    assert str(error).startswith(where), str(error)
    assert (error.path, error.field) == (path, field)
    for fragment in fragments:
        assert fragment in str(error)


def test_valid_package_loads(make_package) -> None:
    root = make_package()
    (root / "statement.ja.md").write_text("# デモ\n", encoding="utf-8")
    (root / "tests" / "10.ans").write_text("1\n")
    problem = load_problem(root)
    assert problem.id == "demo"
    assert [t.name for t in problem.tests] == ["1", "2", "10"]  # natural order
    assert [t.sample for t in problem.tests] == [True, False, False]
    assert problem.tests[0].read_input() == b"2 3\n" and problem.tests[1].read_input() == b""
    assert set(problem.statements) == {"en", "ja"}
    assert problem.checker_path is None and problem.files_dir is None
    assert problem.spec.expect["wrong.py"].verdict is Verdict.WA


def test_version_changes_with_any_file(make_package) -> None:
    root = make_package()
    before = load_problem(root).version
    (root / "tests" / "2.ans").write_text("8\n")
    assert load_problem(root).version != before


# --- problem.yaml ------------------------------------------------------------------------------


def test_missing_problem_yaml(make_package) -> None:
    root = make_package()
    (root / "problem.yaml").unlink()
    assert_names(load_error(root), root / "problem.yaml", None, "missing")


def test_invalid_yaml(make_package) -> None:
    root = make_package()
    (root / "problem.yaml").write_text("id: demo\ntitle: [unclosed\n")
    assert_names(load_error(root), root / "problem.yaml", None, "not valid YAML")


def test_key_written_twice(make_package) -> None:
    root = make_package()
    with (root / "problem.yaml").open("a") as yaml_file:
        yaml_file.write("title: Second title\n")
    line = len((root / "problem.yaml").read_text().splitlines())
    assert_names(load_error(root), root / "problem.yaml", "title", f"again on line {line}")


def test_nested_key_written_twice(make_package) -> None:
    root = make_package()
    with (root / "problem.yaml").open("a") as yaml_file:
        yaml_file.write("limits:\n  time_ms: 1000\n  time_ms: 3000\n")
    assert_names(load_error(root), root / "problem.yaml", "time_ms", "written twice")


def test_merge_key_may_override_without_counting_as_written_twice(make_package) -> None:
    root = make_package()
    with (root / "problem.yaml").open("a") as yaml_file:
        yaml_file.write("limits:\n  <<: {time_ms: 1000, memory_mb: 512}\n  time_ms: 3000\n")
    limits = load_problem(root).spec.limits
    assert (limits.time_ms, limits.memory_mb) == (3000, 512)


@pytest.mark.parametrize("text", ["- id: demo\n", "just a string\n", ""])
def test_problem_yaml_must_be_a_mapping(make_package, text: str) -> None:
    root = make_package()
    (root / "problem.yaml").write_text(text)
    assert_names(load_error(root), root / "problem.yaml", None, "must be a mapping")


def test_unknown_field_is_named(make_package) -> None:
    root = make_package(limts={"time_ms": 1000})
    assert_names(load_error(root), root / "problem.yaml", "limts", "unknown field")


def test_unknown_nested_field_is_named(make_package) -> None:
    root = make_package(limits={"time_ms": 1000, "memroy_mb": 512})
    assert_names(load_error(root), root / "problem.yaml", "limits.memroy_mb", "unknown field")


def test_missing_required_field(make_package) -> None:
    root = make_package()
    text = (root / "problem.yaml").read_text()
    (root / "problem.yaml").write_text(text.replace("title: Demo problem\n", ""))
    assert_names(load_error(root), root / "problem.yaml", "title", "Field required")


@pytest.mark.parametrize("bad_id", ["Demo", "demo_1", "-demo", "demo--1", "x" * 41])
def test_bad_id_pattern(make_package, bad_id: str) -> None:
    root = make_package(id=bad_id)
    assert_names(load_error(root), root / "problem.yaml", "id", repr(bad_id))


def test_id_must_match_the_folder(make_package) -> None:
    root = make_package(id="other")
    assert_names(load_error(root), root / "problem.yaml", "id", "'other'", "'demo'")


def test_section_out_of_range(make_package) -> None:
    root = make_package(section=9)
    assert_names(load_error(root), root / "problem.yaml", "section", "less than or equal to 7", "9")


def test_negative_time_limit(make_package) -> None:
    root = make_package(limits={"time_ms": -5})
    assert_names(load_error(root), root / "problem.yaml", "limits.time_ms", "greater than 0", "-5")


def test_bad_checker_type(make_package) -> None:
    root = make_package(checker={"type": "fuzzy"})
    assert_names(load_error(root), root / "problem.yaml", "checker", "'fuzzy'")


@pytest.mark.parametrize(
    ("checker", "field"),
    [
        ({"type": "float", "abs_tol": -1}, "checker.abs_tol"),
        ({"type": "custom", "time_limit_ms": 0}, "checker.time_limit_ms"),
        ({"type": "exact", "abs_tol": 0.1}, "checker.abs_tol"),
    ],
)
def test_checker_field_is_named_as_written(make_package, checker, field: str) -> None:
    root = make_package(checker=checker)
    assert_names(load_error(root), root / "problem.yaml", field)


def test_bad_verdict_string(make_package) -> None:
    root = make_package(expect={"wrong.py": "WRONG"})
    assert_names(
        load_error(root), root / "problem.yaml", "expect.wrong.py.verdict", "'WRONG'", "'WA'"
    )


def test_sample_named_twice(make_package) -> None:
    root = make_package(samples=["1", "1"])
    assert_names(load_error(root), root / "problem.yaml", "samples", "named twice")


# --- tests/ --------------------------------------------------------------------------------------


def test_sample_naming_a_missing_test(make_package) -> None:
    root = make_package(samples=["1", "3"])
    assert_names(load_error(root), root / "problem.yaml", "samples.1", "no test named '3'")


def test_input_without_answer(make_package) -> None:
    root = make_package()
    (root / "tests" / "3.in").write_text("1 1\n")
    assert_names(load_error(root), root / "tests" / "3.in", None, "no answer file tests/3.ans")


@pytest.mark.parametrize("stray", ["notes.txt", "1.out", "README"])
def test_stray_file_in_tests(make_package, stray: str) -> None:
    root = make_package()
    (root / "tests" / stray).write_text("x\n")
    assert_names(load_error(root), root / "tests" / stray, None, "unexpected file")


def test_answer_that_is_not_utf8(make_package) -> None:
    root = make_package()
    (root / "tests" / "2.ans").write_bytes(b"7\xff\n")
    assert_names(load_error(root), root / "tests" / "2.ans", None, "not UTF-8", "byte 1 is 0xff")


def test_bad_test_name(make_package) -> None:
    root = make_package()
    (root / "tests" / "big test.ans").write_text("1\n")
    assert_names(load_error(root), root / "tests" / "big test.ans", None, "test names use")


def test_missing_tests_folder(make_package) -> None:
    root = make_package(samples=[])
    shutil.rmtree(root / "tests")
    assert_names(load_error(root), root / "tests", None, "missing")


def test_tests_folder_without_answers(make_package) -> None:
    root = make_package(samples=[])
    for path in (root / "tests").iterdir():
        path.unlink()
    assert_names(load_error(root), root / "tests", None, "no tests")


# --- other files ---------------------------------------------------------------------------------


def test_statement_that_is_not_utf8(make_package) -> None:
    root = make_package()
    (root / "statement.md").write_bytes("# Démo\n".encode("latin-1"))
    assert_names(load_error(root), root / "statement.md", None, "not UTF-8", "byte 3 is 0xe9")


def test_missing_statement(make_package) -> None:
    root = make_package()
    (root / "statement.md").unlink()
    assert_names(load_error(root), root / "statement.md", None, "statement.md or statement.ja.md")


def test_a_japanese_statement_alone_is_enough_with_a_warning(make_package) -> None:
    root = make_package()
    (root / "statement.md").unlink()
    (root / "statement.ja.md").write_text("# デモ\n", encoding="utf-8")
    problem = load_problem(root)
    assert problem.statements == {"ja": "# デモ\n"}
    assert missing_statements(problem) == [
        (
            f"{root / 'statement.md'}: missing; students see the Japanese statement instead "
            "(declare `languages: [ja]` if that is meant)"
        )
    ]


def test_declared_languages_silence_the_warning_and_must_match_the_statements(
    make_package,
) -> None:
    root = make_package(languages=["ja"])
    (root / "statement.md").rename(root / "statement.ja.md")
    assert missing_statements(load_problem(root)) == []
    (root / "statement.md").write_text("# Demo\n", encoding="utf-8")
    assert_names(load_error(root), root / "problem.yaml", "languages", "statement.md exists")
    (root / "statement.ja.md").unlink()
    assert_names(load_error(root), root / "statement.ja.md", None, "`languages:` lists it")


def test_missing_solution(make_package) -> None:
    root = make_package()
    (root / "solution.py").unlink()
    assert_names(load_error(root), root / "solution.py", None, "missing")


def test_custom_checker_without_checker_py(make_package) -> None:
    root = make_package(checker={"type": "custom"})
    assert_names(load_error(root), root / "checker.py", None, "checker.type: custom")


def test_checker_py_without_custom_checker(make_package) -> None:
    root = make_package(checker={"type": "tokens"}, checker_source="def check(*a): ...\n")
    assert_names(load_error(root), root / "checker.py", None, "does not say checker.type: custom")


def test_custom_checker_loads(make_package) -> None:
    root = make_package(checker={"type": "custom"}, checker_source="def check(*a): ...\n")
    (root / "files").mkdir()
    problem = load_problem(root)
    assert problem.checker_path == root / "checker.py"
    assert problem.files_dir == root / "files"


def test_expect_listed_but_missing(make_package) -> None:
    root = make_package(expect={"wrong.py": "WA", "slow.py": "TLE"})
    error = load_error(root)
    assert_names(error, root / "problem.yaml", "expect.slow.py", "no file expect/slow.py")


def test_expect_file_not_listed(make_package) -> None:
    root = make_package()
    (root / "expect" / "extra.py").write_text("print(1)\n")
    assert_names(load_error(root), root / "expect" / "extra.py", None, "not listed under expect")


# --- several mistakes at once, and tests named by numbers ----------------------------------------


def test_every_mistake_of_problem_yaml_is_reported_at_once(make_package) -> None:
    root = make_package(section=9, limits={"time_ms": 0, "memroy_mb": 512}, colour="red")
    error = load_error(root)
    yaml_path = root / "problem.yaml"
    assert error.lines == [
        f"{yaml_path}: section: Input should be less than or equal to 7 (got 9)",
        f"{yaml_path}: limits.time_ms: Input should be greater than 0 (got 0)",
        f"{yaml_path}: limits.memroy_mb: unknown field",
        f"{yaml_path}: colour: unknown field",
    ]
    assert str(error) == "\n".join(error.lines)
    assert (error.path, error.field) == (yaml_path, "section")  # the first one


def test_a_single_mistake_is_one_line_as_before(make_package) -> None:
    root = make_package(section=9)
    error = load_error(root)
    assert error.lines == [str(error)] and "\n" not in str(error)


def test_every_missing_sample_is_reported(make_package) -> None:
    root = make_package(samples=["7", "1", "8"])
    assert [(e.field, e.message) for e in load_error(root).errors] == [
        ("samples.0", "no test named '7' in tests/"),
        ("samples.2", "no test named '8' in tests/"),
    ]


def _number_named_tests(root: Path, *names: str) -> None:
    for name in names:
        (root / "tests" / f"{name}.ans").write_text("0\n")


@pytest.mark.parametrize(
    ("written", "sample"),
    [("01", "01"), ("1", "1"), ("010", "010"), ("1.50", "1.50"), ("'02'", "02")],
)
def test_a_sample_written_as_a_number_names_the_test_as_written(
    make_package, written: str, sample: str
) -> None:
    root = make_package()
    _number_named_tests(root, "01", "010", "1.50", "02")
    text = (root / "problem.yaml").read_text()
    (root / "problem.yaml").write_text(text.replace("- '1'", f"- {written}"))
    problem = load_problem(root)
    assert problem.spec.samples == [sample]
    assert [t.name for t in problem.tests if t.sample] == [sample]


def test_a_number_sample_without_its_exact_test_is_an_error(make_package) -> None:
    # `1` does not name tests/01.ans: names are matched as written, never by value.
    root = make_package()
    (root / "tests" / "1.ans").rename(root / "tests" / "01.ans")
    (root / "tests" / "1.in").rename(root / "tests" / "01.in")
    text = (root / "problem.yaml").read_text()
    (root / "problem.yaml").write_text(text.replace("- '1'", "- 1"))
    assert_names(load_error(root), root / "problem.yaml", "samples.0", "no test named '1'")


def test_name_of_test_for_python_values() -> None:
    assert name_of_test("a") == "a" and name_of_test(3) == "3" and name_of_test(True) is True
    assert name_of_test(None) is None


def test_a_package_whose_solutions_import_pandas_is_judged_with_pandas_preloaded(make_package):
    root = make_package()
    assert load_problem(root).preload == PRELOAD
    (root / "solution.py").write_text("import pandas as pd\nprint(pd.Series([1]).sum())\n")
    assert load_problem(root).preload == (*PRELOAD, "pandas")


def test_preload_for_reads_every_form_of_import_and_skips_what_does_not_parse():
    assert preload_for(["from pandas import read_csv\n"]) == (*PRELOAD, "pandas")
    assert preload_for(["import os, pandas.api.types\n"]) == (*PRELOAD, "pandas")
    assert preload_for(["def f():\n    import pandas\n"]) == (*PRELOAD, "pandas")
    assert preload_for(["from sklearn.linear_model import Ridge\n"]) == (*PRELOAD, "pandas")
    # a relative import of a module named pandas is not pandas; a syntax error imports nothing
    assert preload_for(["from .pandas import x\n", "import pandas(\n"]) == PRELOAD
    assert preload_for(["import numpy\n", "print('pandas')\n"]) == PRELOAD


def test_the_shipped_problems_that_use_pandas_get_its_zygote():
    problems = Path(__file__).resolve().parents[2] / "problems"
    with_pandas = {
        p.parent.name
        for p in problems.glob("*/problem.yaml")
        if "pandas" in load_problem(p.parent).preload
    }
    # scikit-learn imports pandas: a problem whose solutions use it gets pandas warm as well
    assert with_pandas == {
        "classification-metrics",
        "icecream-sells-well",
        "k-fold-cross-validation",
        "kaggle-tabular",
        "training-loop",
    }
