"""The files a package delivers, checked when it loads.

* `files/`: read-only data for submissions (bound into the sandbox, by relative path from the
  working directory) and for the checker; `files/public/` is also downloadable by students.
* `statement/`: images the statements show.

Anything the sandbox or the API could not deliver (a link, a device, a name a URL cannot carry, a
file the sandbox's user cannot read, too much data) is an error naming it, never an omission.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

# One path component: portable, safe in a URL and in a shell, never hidden, never "..".
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.+-]{0,99}$")
NAME_RULE = "names use letters, digits, '_', '-', '.' and '+', start with a letter or a digit"
MAX_DEPTH = 8
MAX_ENTRIES = 1000
MAX_BYTES = 256 << 20
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


class PackageFileError(Exception):
    def __init__(self, path: Path, message: str):
        self.path, self.message = path, message
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class PackageFile:
    path: str  # relative to the folder scanned, '/'-separated
    size: int


def scan(folder: Path, *, sandbox_readable: bool) -> list[PackageFile]:
    """Every regular file under `folder`, sorted by path; raises PackageFileError for the first
    entry that cannot be delivered. `sandbox_readable`: the sandbox's unprivileged user reads
    these through a read-only bind mount, so every file and folder must be readable by others."""
    found: list[PackageFile] = []
    if sandbox_readable:
        _readable_by_others(folder, os.stat(folder).st_mode)
    _walk(folder, "", 1, found, sandbox_readable)
    total = sum(f.size for f in found)
    if total > MAX_BYTES:
        raise PackageFileError(
            folder, f"holds {total / 2**20:.1f} MiB; at most {MAX_BYTES >> 20} MiB per package"
        )
    return sorted(found, key=lambda f: f.path)


def _walk(folder: Path, prefix: str, depth: int, found: list[PackageFile], others: bool) -> None:
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = Path(entry.path)
        if not NAME.match(entry.name):
            raise PackageFileError(path, f"cannot be delivered: {NAME_RULE} (at most 100)")
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            raise PackageFileError(path, "a symbolic link: copy the file itself into the package")
        if stat.S_ISDIR(info.st_mode):
            if depth >= MAX_DEPTH:
                raise PackageFileError(path, f"folders nest at most {MAX_DEPTH} deep")
            if others:
                _readable_by_others(path, info.st_mode)
            _walk(path, f"{prefix}{entry.name}/", depth + 1, found, others)
            continue
        if not stat.S_ISREG(info.st_mode):
            raise PackageFileError(path, "not a regular file (a device, FIFO or socket)")
        if others:
            _readable_by_others(path, info.st_mode)
        try:
            os.close(os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK))
        except OSError as exc:
            raise PackageFileError(path, f"unreadable: {exc.strerror}") from None
        found.append(PackageFile(prefix + entry.name, info.st_size))
        if len(found) > MAX_ENTRIES:
            raise PackageFileError(path, f"more than {MAX_ENTRIES} files in one folder tree")


def _readable_by_others(path: Path, mode: int) -> None:
    needed = stat.S_IROTH | (stat.S_IXOTH if stat.S_ISDIR(mode) else 0)
    if mode & needed != needed:
        fix = "chmod o+rx" if stat.S_ISDIR(mode) else "chmod o+r"
        raise PackageFileError(
            path, f"the sandbox cannot read it (mode {stat.S_IMODE(mode):04o}; {fix})"
        )
