"""Problem versions: a package packed into a content-addressed archive and unpacked on a judge."""

from __future__ import annotations

import gzip
import io
import stat
import tarfile
import threading
from pathlib import Path

import pytest

from judge.package_archive import ArchiveError, pack, package_digest, unpack
from judge.problemset import load_problem
from judge.version_cache import VersionCache
from tests.judge.conftest import write_package


@pytest.fixture
def package(tmp_path: Path) -> Path:
    folder = write_package(tmp_path / "src" / "demo")
    (folder / "files" / "public").mkdir(parents=True)
    (folder / "files" / "public" / "train.csv").write_bytes(b"x,y\n1,2\n")
    return folder


def _tar(members: dict[str, bytes], link: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(fileobj=buffer, mode="wb") as compressed,
        tarfile.open(fileobj=compressed, mode="w") as archive,
    ):
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        if link is not None:
            info = tarfile.TarInfo(link)
            info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
            archive.addfile(info)
    return buffer.getvalue()


def test_the_version_is_the_loaders_hash_and_the_archive_is_the_same_bytes_each_time(
    package: Path,
) -> None:
    version, archive = pack(package)
    assert version == load_problem(package).version == package_digest(package)
    assert pack(package) == (version, archive)  # no times, owners or order in it


def test_unpacking_gives_the_same_files_readable_by_the_sandbox_user(
    package: Path, tmp_path: Path
) -> None:
    version, archive = pack(package)
    (tmp_path / "out").mkdir()
    unpack(archive, version, tmp_path / "out" / "demo")
    unpacked = tmp_path / "out" / "demo"
    assert load_problem(unpacked).version == version
    assert (unpacked / "files" / "public" / "train.csv").read_bytes() == b"x,y\n1,2\n"
    for path in [unpacked, *unpacked.rglob("*")]:
        assert stat.S_IMODE(path.stat().st_mode) & 0o004, path  # others read it


def test_an_archive_that_is_not_the_version_it_claims_is_refused(
    package: Path, tmp_path: Path
) -> None:
    version, _ = pack(package)
    (package / "tests" / "1.ans").write_text("999\n")
    _, other = pack(package)
    with pytest.raises(ArchiveError, match=f"version {version[:12]}: the archive holds"):
        unpack(other, version, tmp_path / "out")


@pytest.mark.parametrize(
    "archive",
    [
        _tar({"../escape.txt": b"x"}),
        _tar({"/etc/cron.d/evil": b"x"}),
        _tar({"problem.yaml": b"id: demo\n"}, link="files/passwd"),
        b"not an archive at all",
        _tar({"big.bin": b""})[:20],
    ],
    ids=["dot-dot", "absolute", "symlink", "garbage", "truncated"],
)
def test_a_hostile_or_damaged_archive_writes_nothing_outside(
    archive: bytes, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(
        ArchiveError, match=r"version aaaaaaaaaaaa: (unsafe member|cannot unpack \(\w)"
    ):
        unpack(archive, "a" * 64, tmp_path / "out" / "demo")
    assert not (tmp_path / "escape.txt").exists()
    assert not any((tmp_path / "out").rglob("passwd"))


def test_a_judge_fetches_a_version_once_and_keeps_it(package: Path, tmp_path: Path) -> None:
    version, archive = pack(package)
    fetched: list[str] = []

    def fetch(wanted: str) -> bytes:
        fetched.append(wanted)
        return archive

    cache = VersionCache(tmp_path / "cache")
    first = cache.load("demo", version, fetch)
    assert first.version == version and first.root == tmp_path / "cache" / version / "demo"
    assert cache.load("demo", version, fetch) is first
    # Another process on the same disk finds the folder and loads it without fetching.
    assert VersionCache(tmp_path / "cache").load("demo", version, fetch).version == version
    assert fetched == [version]
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.startswith(".")]


def test_a_new_version_never_changes_the_files_of_the_one_being_judged(
    package: Path, tmp_path: Path
) -> None:
    old_version, old_archive = pack(package)
    (package / "tests" / "1.ans").write_text("999\n")
    new_version, new_archive = pack(package)
    archives = {old_version: old_archive, new_version: new_archive}
    cache = VersionCache(tmp_path / "cache")
    old = cache.load("demo", old_version, archives.__getitem__)
    new = cache.load("demo", new_version, archives.__getitem__)
    assert old.root != new.root
    assert (old.root / "tests" / "1.ans").read_text() == "5\n"
    assert (new.root / "tests" / "1.ans").read_text() == "999\n"


def test_judges_unpacking_the_same_version_at_once_all_get_it_whole(
    package: Path, tmp_path: Path
) -> None:
    version, archive = pack(package)
    start = threading.Barrier(8)
    roots: list[Path] = []

    def judge() -> None:
        start.wait()
        # One cache object each: as judges in separate processes sharing the disk.
        roots.append(VersionCache(tmp_path / "cache").load("demo", version, lambda _: archive).root)

    threads = [threading.Thread(target=judge) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert roots == [tmp_path / "cache" / version / "demo"] * 8
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [version]


def test_a_version_is_a_hash_never_a_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a version"):
        VersionCache(tmp_path).folder("demo", "../../etc", lambda _: b"")
