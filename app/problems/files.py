"""The package files students may fetch, read from the folder of the problem's current version
(app/problems/versions.py: unpacked on this machine from the database).

Only `files/public/…` (downloads) and `statement/…` images (shown by statements) leave the judge;
each is served at `/api/problems/{id}/` + its path in the package, so a statement's relative
reference resolves to it. The path is walked one name at a time with O_NOFOLLOW, so neither
`..` nor a link planted after the package was loaded can lead anywhere else.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from judge.package_files import IMAGE_TYPES, NAME, PackageFileError, scan

log = logging.getLogger(__name__)

CHUNK = 1 << 16


class NotServed(LookupError):
    """No such file, or not one students may fetch; the message says which, for a 404."""


@dataclass(frozen=True)
class OpenFile:
    fd: int
    size: int
    name: str
    media_type: str

    def chunks(self) -> Iterator[bytes]:
        try:
            while chunk := os.read(self.fd, CHUNK):
                yield chunk
        finally:
            os.close(self.fd)


def public_files(package: Path | None, problem_id: str) -> list[tuple[str, int]]:
    """(path under files/, size) of every downloadable file: `public/data/train.csv`.
    `package`: the version's folder, None when there is none to read."""
    if package is None:
        return []
    folder = package / "files" / "public"
    if not folder.is_dir() or folder.is_symlink():
        return []
    try:
        return [
            (f"public/{found.path}", found.size) for found in scan(folder, sandbox_readable=False)
        ]
    except (PackageFileError, OSError) as exc:
        # Changed on disk since it loaded; the next reload reports it to the admin.
        log.warning("public files of %s not listed: %s", problem_id, exc)
        return []


def open_public(package: Path | None, problem_id: str, path: str) -> OpenFile:
    """`path` as listed by public_files (under files/)."""
    parts = _parts(path)
    if parts[0] != "public" or len(parts) < 2:
        raise NotServed(f"{path!r} is not a public file of {problem_id!r}")
    found = _open(package, ["files", *parts])
    media_type = mimetypes.guess_type(parts[-1])[0] or "application/octet-stream"
    return OpenFile(found[0], found[1], parts[-1], media_type)


def open_statement_image(package: Path | None, problem_id: str, path: str) -> OpenFile:
    """`path` under statement/; only images, which a browser never runs as a page."""
    parts = _parts(path)
    media_type = IMAGE_TYPES.get(Path(parts[-1]).suffix.lower())
    if media_type is None:
        raise NotServed(f"{path!r} is not an image of the statement of {problem_id!r}")
    found = _open(package, ["statement", *parts])
    return OpenFile(found[0], found[1], parts[-1], media_type)


def _parts(path: str) -> list[str]:
    parts = path.split("/")
    if not all(NAME.match(part) for part in parts):
        raise NotServed(f"{path[:200]!r} is not a file name of a package")
    return parts


def _open(root: Path | None, parts: list[str]) -> tuple[int, int]:
    no_file = NotServed(f"no file {'/'.join(parts[1:])!r}")
    if root is None:
        raise no_file
    try:
        folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        raise no_file from None
    try:
        for part in parts[:-1]:
            inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=folder)
            os.close(folder)
            folder = inner
        fd = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
    except OSError:
        raise no_file from None
    finally:
        os.close(folder)
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise no_file
    return fd, info.st_size
