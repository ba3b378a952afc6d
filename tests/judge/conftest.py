"""A valid problem package in tmp_path that each test breaks (or extends) in exactly one way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

VALID_SPEC: dict[str, Any] = {
    "id": "demo",
    "title": "Demo problem",
    "section": 1,
    "samples": ["1"],
    "expect": {"wrong.py": "WA"},
}

PackageMaker = Callable[..., Path]
# The sections the statement lint asks for (judge/statement_lint.py).
STATEMENT = "# Demo\n\nPrint the sum.\n\n## Input\nNumbers.\n\n## Output\nTheir sum.\n\n## Judging\nExact.\n"


def write_package(
    root: Path,
    spec_changes: dict[str, Any] | None = None,
    checker_source: str | None = None,
) -> Path:
    """Write a loadable package at `root`: two tests (one sample), statement, solution, expect/.

    `spec_changes` is merged into problem.yaml; `checker_source` becomes checker.py.
    """
    root.mkdir(parents=True)
    spec = {**VALID_SPEC, **(spec_changes or {})}
    (root / "problem.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    tests = root / "tests"
    tests.mkdir()
    (tests / "1.in").write_text("2 3\n", encoding="utf-8")
    (tests / "1.ans").write_text("5\n", encoding="utf-8")
    (tests / "2.ans").write_text("7\n", encoding="utf-8")
    (root / "statement.md").write_text(STATEMENT, encoding="utf-8")
    (root / "solution.py").write_text("print(sum(map(int, input().split())))\n", encoding="utf-8")
    (root / "expect").mkdir()
    (root / "expect" / "wrong.py").write_text("print(0)\n", encoding="utf-8")
    if checker_source is not None:
        (root / "checker.py").write_text(checker_source, encoding="utf-8")
    return root


@pytest.fixture
def make_package(tmp_path: Path) -> PackageMaker:
    """`make_package(checker_source=..., **spec_changes)` → the root of a fresh package `demo/`."""

    def make(checker_source: str | None = None, **spec_changes: Any) -> Path:
        return write_package(tmp_path / VALID_SPEC["id"], spec_changes, checker_source)

    return make
