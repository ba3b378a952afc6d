"""Loaded problem packages, kept while their files are unchanged.

Loading a package parses its YAML and statements, checks every reference and hashes every file:
milliseconds per package (more with data files), which a judge would otherwise spend again for
every submission. A package is loaded again as soon as any of its files is added, removed,
replaced or rewritten: the cache compares each file's size, modification time and inode, which a
stat of each file gives without reading it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from judge.problemset import Problem, load_problem

Signature = tuple[tuple[str, int, int, int], ...]


def _signature(root: Path) -> Signature:
    entries = []
    for path in root.rglob("*"):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        status = path.stat()
        entries.append(
            (str(path.relative_to(root)), status.st_size, status.st_mtime_ns, status.st_ino)
        )
    return tuple(sorted(entries))


class ProblemCache:
    """`load` is `load_problem`, answered from memory while the package is unchanged; safe to
    share between threads (a package being replaced may be loaded twice, never half)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: dict[Path, tuple[Signature, Problem]] = {}

    def load(self, root: Path) -> Problem:
        root = Path(root).absolute()
        signature = _signature(root)
        with self._lock:
            kept = self._loaded.get(root)
        if kept is not None and kept[0] == signature:
            return kept[1]
        problem = load_problem(root)  # raises ProblemError: nothing is kept
        with self._lock:
            self._loaded[root] = (signature, problem)
        return problem
