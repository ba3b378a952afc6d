"""The statement lint: sections a student looks for, HTML the page would drop, broken Japanese."""

from __future__ import annotations

from judge.problemset import load_problem
from judge.statement_lint import lint_statements

EN = "# Demo\n\nPrint the sum.\n\n## Input\nTwo numbers.\n\n## Output\nOne.\n\n## Judging\nExact.\n"
JA = "# デモ\n\n和を出力します。\n\n## 入力\n2 つの数。\n\n## 出力\n1 つ。\n\n## 採点\n完全一致。\n"


def write(root, en: str | None = EN, ja: str | None = JA):
    for name, text in (("statement.md", en), ("statement.ja.md", ja)):
        path = root / name
        if text is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(text, encoding="utf-8")
    return load_problem(root)


def test_a_complete_pair_of_statements_is_clean(make_package):
    assert lint_statements(write(make_package())) == []


def test_each_missing_section_is_named_with_its_file(make_package):
    root = make_package()
    problem = write(root, en=EN.replace("## Judging", "## Scoring"), ja=JA.replace("## 入力", ""))
    assert lint_statements(problem) == [
        f"{root / 'statement.md'}: no '## Judging' section",
        f"{root / 'statement.ja.md'}: no '## 入力' section",
    ]


def test_html_outside_the_subset_is_reported_with_its_line(make_package):
    root = make_package()
    en = (
        EN
        + '\n<span style="color:red">hot</span> <script>x()</script>\n\n<details open><summary>Hint</summary>ok</details>\n'
    )
    lines = lint_statements(write(root, en=en))
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{root / 'statement.md'}:14: <span style=…> is not kept")
    assert lines[1].startswith(f"{root / 'statement.md'}:14: <script> is not shown")


def test_a_hard_wrapped_japanese_paragraph_is_reported(make_package):
    root = make_package()
    ja = JA.replace("和を出力します。", "二つの数を読み、\nその和を出力します。")
    assert lint_statements(write(root, ja=ja)) == [
        (
            f"{root / 'statement.ja.md'}:3: a Japanese paragraph continues on the next line; the "
            "page shows a space there: write each paragraph on one line"
        )
    ]
    # English wraps freely, and a Japanese line ending in ASCII (a formula, say) is left alone.
    en = EN.replace("Print the sum.", "Print\nthe sum.")
    assert lint_statements(write(root, en=en, ja=JA.replace("和を", "和 $a+b$\nを"))) == []


def test_display_math_inside_a_paragraph_or_list_item_is_reported(make_package):
    root = make_package()
    en = EN.replace("Print the sum.", "Print the sum\n$$a + b$$\nof the two.\n\n- or $$a$$ alone")
    assert lint_statements(write(root, en=en)) == [
        f"{root / 'statement.md'}:{line}: display math ($$...$$) inside a paragraph or list item "
        "shows a stray $: give it a paragraph of its own, with a blank line before and after"
        for line in (3, 7)
    ]
    # Its own paragraph is display math; inline math and `$$` in code are fine.
    en = EN.replace("Print the sum.", "Print\n\n$$a + b$$\n\nwith $a$ and `$$`.")
    assert lint_statements(write(root, en=en)) == []


def test_function_mode_asks_for_a_function_section(make_package):
    root = make_package()
    problem = write(root)
    mode_changed = problem.model_copy(
        update={"spec": problem.spec.model_copy(update={"mode": "function"})}
    )
    lines = lint_statements(mode_changed)
    assert f"{root / 'statement.md'}: no '## Function' section" in lines
    assert f"{root / 'statement.ja.md'}: no '## 関数' section" in lines


def test_the_lint_is_part_of_the_one_validation_path(make_package):
    from judge.validation import validate_problem
    from tests.judge.test_validation import ScriptedRunner

    root = make_package(expect={})
    (root / "solution.py").write_text("#sum\n")
    for path in (root / "expect").iterdir():
        path.unlink()
    problem = write(root, en=EN.replace("## Output", "## Result"))
    assert validate_problem(problem, ScriptedRunner()) == [
        f"{root / 'statement.md'}: no '## Output' section"
    ]
