"""A problem package as one immutable, content-addressed archive (a version).

The version is the sha256 over the package's files (each file's path and bytes), as
`load_problem` reports it; the archive is a gzip'd tar of the same files, built so that the same
files always give the same bytes (sorted, no owners, no times), and unpacks only to regular files
under the target folder. The judge fetches a version by its hash and checks the unpacked files
against it, so a damaged or substituted archive is refused, never judged with.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import tarfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

# An upload is at most judge.validation.MAX_PACKAGE_BYTES; a folder synced from disk may hold
# data files up to package_files.MAX_BYTES. Beyond this a package is not stored.
MAX_ARCHIVE_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 512 * 2**20


class ArchiveError(Exception):
    """The archive is not a package version (damaged, unsafe, or not the version it claims)."""


def package_paths(root: Path) -> list[Path]:
    """The files that make up the package, in the order they are hashed."""
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _hashed(digest: hashlib._Hash, name: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
    digest.update(name.encode() + b"\0")
    for chunk in chunks:
        digest.update(chunk)
        yield chunk
    digest.update(b"\0")


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:  # in pieces: data files may be large
        while chunk := handle.read(1 << 20):
            yield chunk


def package_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in package_paths(root):
        for _ in _hashed(digest, str(path.relative_to(root)), _chunks(path)):
            pass
    return digest.hexdigest()


def pack(root: Path) -> tuple[str, bytes]:
    """(version, archive) of the package at `root`, each file read once: the version is the
    digest of exactly the bytes archived, even if the folder changes meanwhile."""
    digest = hashlib.sha256()
    buffer = io.BytesIO()
    # mtime=0 and no file name in the gzip header: the same files give the same bytes.
    with (
        gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as compressed,
        tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as archive,
    ):
        for path in package_paths(root):
            name = str(path.relative_to(root))
            data = b"".join(_hashed(digest, name, _chunks(path)))
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            archive.addfile(info, io.BytesIO(data))
    return digest.hexdigest(), buffer.getvalue()


def _folder(path: Path) -> None:
    path.mkdir()
    path.chmod(0o755)  # whatever the umask


def unpack(data: bytes, version: str, into: Path) -> None:
    """Write the archive's files under `into` (which must not exist yet), readable by everyone
    (the sandbox's user reads a package's files/), and check they are `version`."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            _extract(archive, version, into)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ArchiveError(f"version {version[:12]}: cannot unpack ({exc})") from None
    found = package_digest(into)
    if found != version:
        raise ArchiveError(f"version {version[:12]}: the archive holds {found[:12]} instead")


def _extract(archive: tarfile.TarFile, version: str, into: Path) -> None:
    members = archive.getmembers()
    if len(members) > MAX_ARCHIVE_MEMBERS or sum(m.size for m in members) > MAX_UNPACKED_BYTES:
        raise ArchiveError(f"version {version[:12]}: the archive is larger than any package")
    _folder(into)
    for member in members:
        name = PurePosixPath(member.name)
        if not member.isfile() or name.is_absolute() or ".." in name.parts:
            raise ArchiveError(f"version {version[:12]}: unsafe member {member.name!r}")
        target = into.joinpath(*name.parts)
        for folder in reversed(target.parents):
            if folder.is_relative_to(into) and not folder.exists():
                _folder(folder)
        source = archive.extractfile(member)
        assert source is not None  # a regular file always has its data
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        os.fchmod(fd, 0o644)  # whatever the umask
        with os.fdopen(fd, "wb") as sink, source:
            while chunk := source.read(1 << 20):
                sink.write(chunk)
