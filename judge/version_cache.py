"""Problem versions on a judge's local disk, fetched by hash once and loaded once.

A version never changes (judge/package_archive.py), so a folder unpacked for it stays right for
good and a loaded Problem can be kept without looking at the files again. Each version gets its
own folder, `<root>/<version>/<problem id>/` (the loader wants the folder named after the id),
which appears whole or not at all: it is unpacked beside it and renamed into place, so judges in
other threads or processes sharing `root` never read half a package, and an upload that makes a
new version meanwhile cannot change the files a judge is reading.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from judge.package_archive import unpack
from judge.problemset import Problem, load_problem

Fetch = Callable[[str], bytes]
KEPT_LOADED = 64  # loaded packages kept in memory; a lecture has a few dozen problems


class VersionCache:
    """`load(problem_id, version, fetch)`: the Problem of that version, with `fetch(version)`
    asked for its archive only when no judge on this disk has unpacked it yet. Thread-safe."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()
        self._lock = threading.Lock()
        self._loaded: OrderedDict[str, Problem] = OrderedDict()

    def folder(self, problem_id: str, version: str, fetch: Fetch) -> Path:
        """The version's package folder, unpacked now if this disk does not have it yet."""
        if not version.isalnum():  # a hash, never a path
            raise ValueError(f"not a version: {version!r}")
        final = self.root / version
        if not final.is_dir():
            self._unpack(problem_id, version, fetch(version), final)
        return final / problem_id

    def load(self, problem_id: str, version: str, fetch: Fetch) -> Problem:
        with self._lock:
            kept = self._loaded.get(version)
            if kept is not None:
                self._loaded.move_to_end(version)
        if kept is not None and kept.id == problem_id:
            return kept
        problem = load_problem(self.folder(problem_id, version, fetch))
        with self._lock:
            self._loaded[version] = problem
            while len(self._loaded) > KEPT_LOADED:
                self._loaded.popitem(last=False)
        return problem

    def _unpack(self, problem_id: str, version: str, data: bytes, final: Path) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=self.root, prefix=f".{version[:12]}-"))
        try:
            staging.chmod(0o755)  # the sandbox's user reads files/ through it
            unpack(data, version, staging / problem_id)
            try:
                staging.rename(final)
            except OSError:
                if not final.is_dir():  # not another judge's copy: a real failure
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
