"""The judge keeps loaded packages while their files are unchanged, and loads a package again as
soon as any file of it is added, removed or rewritten."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from judge.problem_cache import ProblemCache
from judge.problem_yaml import ProblemError

SHIPPED = Path(__file__).resolve().parents[2] / "problems" / "autograd-practice-1"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SHIPPED, tmp_path / SHIPPED.name))


def _touch_later(path: Path) -> None:
    # Timestamps are as coarse as the kernel's clock tick: a rewrite within the same tick keeps
    # them, so the test moves them on explicitly (an edit by a person never falls in one tick).
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 10_000_000))


def test_an_unchanged_package_is_not_loaded_again(package: Path) -> None:
    cache = ProblemCache()
    first = cache.load(package)
    assert cache.load(package) is first


def test_a_rewritten_file_is_seen(package: Path) -> None:
    cache = ProblemCache()
    first = cache.load(package)
    statement = package / "statement.md"
    statement.write_text(statement.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    _touch_later(statement)
    again = cache.load(package)
    assert again is not first
    assert again.version != first.version
    assert again.statements["en"].endswith("More.\n")


def test_a_rewrite_of_the_same_size_is_seen(package: Path) -> None:
    cache = ProblemCache()
    first = cache.load(package)
    solution = package / "solution.py"
    text = solution.read_text(encoding="utf-8")
    solution.write_text(text.replace("x", "y", 1) if "x" in text else text.upper(), "utf-8")
    _touch_later(solution)
    assert cache.load(package).version != first.version


def test_an_added_or_removed_file_is_seen(package: Path) -> None:
    cache = ProblemCache()
    first = cache.load(package)
    extra = package / "notes.txt"
    extra.write_text("for the teacher\n", encoding="utf-8")
    with_extra = cache.load(package)
    assert with_extra.version != first.version
    extra.unlink()
    assert cache.load(package).version == first.version


def test_a_broken_package_is_never_kept(package: Path) -> None:
    cache = ProblemCache()
    good = cache.load(package)
    spec = package / "problem.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text + "\nmisspelled_field: 1\n", encoding="utf-8")
    with pytest.raises(ProblemError, match="misspelled_field"):
        cache.load(package)
    spec.write_text(text, encoding="utf-8")
    _touch_later(spec)
    assert cache.load(package).version == good.version
