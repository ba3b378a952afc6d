"""A problem's files/ in the real sandbox: read-only, by relative path, not charged to memory."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from judge.runner import RunStatus
from judge.spec import Limits
from tests.judge.sandbox_support import nothing_survives, run  # noqa: F401

# An interpreter installed under /tmp (a checkout in /tmp, say) is bound read-only at its own path,
# so the scratch /tmp shows the top folder of that path beside the problem's files.
RUNTIME_IN_TMP = sorted(
    {
        Path(prefix).relative_to("/tmp").parts[0]
        for prefix in map(os.path.realpath, (sys.prefix, sys.base_prefix))
        if prefix.startswith("/tmp/")
    }
)


def listing(*names: str) -> str:
    """What `sorted(os.listdir('/tmp'))` prints in the sandbox when the test left `names`."""
    return str(sorted([*names, *RUNTIME_IN_TMP]))


@pytest.fixture
def files_dir(tmp_path: Path) -> Path:
    root = tmp_path / "files"
    (root / "data" / "deeper").mkdir(parents=True)
    (root / "public").mkdir()
    (root / "icecream.csv").write_text("temp,sales\n20,100\n")
    (root / "data" / "icecream.csv").write_text("temp,sales\n30,300\n")
    (root / "data" / "deeper" / "x.txt").write_text("deep\n")
    (root / "public" / "train.csv").write_text("a\n1\n")
    return root


def test_sub_folders_are_readable_by_relative_path(runner, files_dir):
    result = run(
        runner,
        """
        import os
        print(open('icecream.csv').read().splitlines()[1])
        print(open('data/icecream.csv').read().splitlines()[1])
        print(open('data/deeper/x.txt').read().strip(), open('public/train.csv').read().split())
        print(sorted(os.listdir('.')), sorted(os.listdir('data')))
        print(os.path.isfile('data/icecream.csv'), os.getcwd())
    """,
        files_dir=files_dir,
    )
    assert result.status is RunStatus.OK, result
    assert result.stdout.decode().splitlines() == [
        "20,100",
        "30,300",
        "deep ['a', '1']",
        f"{listing('data', 'icecream.csv', 'public')} ['deeper', 'icecream.csv']",
        "True /tmp",
    ]


def test_files_cannot_be_written_created_removed_or_renamed(runner, files_dir):
    result = run(
        runner,
        """
        import os
        attempts = {
            'write top': lambda: open('icecream.csv', 'a'),
            'write nested': lambda: open('data/icecream.csv', 'w'),
            'write by mount': lambda: open('/files/data/icecream.csv', 'r+'),
            'create nested': lambda: open('data/new.txt', 'w'),
            'mkdir nested': lambda: os.mkdir('data/new'),
            'remove nested': lambda: os.unlink('data/icecream.csv'),
            'rename nested': lambda: os.rename('data/icecream.csv', 'data/x.csv'),
            'chmod nested': lambda: os.chmod('data/icecream.csv', 0o777),
            'truncate': lambda: os.truncate('data/icecream.csv', 0),
        }
        for name, attempt in attempts.items():
            try:
                attempt()
                print(name, 'ALLOWED')
            except OSError as exc:
                print(name, 'refused')
        # The test's own scratch stays writable, and its copy of a name is its own business.
        os.unlink('icecream.csv')
        with open('icecream.csv', 'w') as handle:
            handle.write('mine')
        print(open('icecream.csv').read(), open('/files/icecream.csv').read().split()[1])
    """,
        files_dir=files_dir,
    )
    assert result.status is RunStatus.OK, result
    lines = result.stdout.decode().splitlines()
    assert [line for line in lines if "ALLOWED" in line] == []
    assert lines[-1] == "mine 20,100"
    assert (files_dir / "icecream.csv").read_text() == "temp,sales\n20,100\n"
    assert sorted(p.name for p in (files_dir / "data").iterdir()) == ["deeper", "icecream.csv"]


def test_a_file_larger_than_the_memory_limit_is_read_without_mle(runner, tmp_path):
    # Copied into the test's tmpfs (charged to its memory) this gave IE "the sandbox did not
    # start the test"; bound read-only it costs nothing but the pages being read.
    files = tmp_path / "files"
    files.mkdir()
    with open(files / "big.bin", "wb") as handle:
        handle.writelines(os.urandom(1 << 20) for _ in range(40))
    result = run(
        runner,
        """
        import hashlib
        digest, size = hashlib.sha256(), 0
        with open('big.bin', 'rb') as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
        print(size, digest.hexdigest())
    """,
        limits=Limits(time_ms=5000, memory_mb=32),
        files_dir=files,
    )
    expected = hashlib.sha256((files / "big.bin").read_bytes()).hexdigest()
    assert result.status is RunStatus.OK, result
    assert result.stdout.decode().split() == [str(40 << 20), expected]


def test_nothing_leaks_into_the_next_test(runner, files_dir, tmp_path):
    first = run(
        runner,
        """
        open('left-behind.txt', 'w').write('x')
        import os; print(sorted(os.listdir('.')))
    """,
        files_dir=files_dir,
    )
    assert first.status is RunStatus.OK, first
    assert "left-behind.txt" in first.stdout.decode()
    probe = """
        import os
        print(sorted(os.listdir('.')), os.path.exists('/files'))
    """
    again = run(runner, probe, files_dir=files_dir)
    assert again.stdout.decode() == f"{listing('data', 'icecream.csv', 'public')} True\n"
    other = tmp_path / "other"
    other.mkdir()
    (other / "b.txt").write_text("b")
    assert run(runner, probe, files_dir=other).stdout.decode() == f"{listing('b.txt')} True\n"
    assert run(runner, probe).stdout.decode() == f"{listing()} False\n"


def test_the_package_beside_files_stays_invisible(runner, tmp_path):
    # Only files/ is bound: the checker's private/ data and the answers beside it are not.
    package = tmp_path / "pkg"
    (package / "files").mkdir(parents=True)
    (package / "private").mkdir()
    (package / "private" / "labels.csv").write_text("secret")
    (package / "files" / "x.csv").write_text("1")
    result = run(
        runner,
        """
        import os
        found = []
        for top in ('/', '/files', '/tmp'):
            for folder, dirs, names in os.walk(top):
                if folder.startswith('/proc'):
                    dirs.clear()
                    continue
                found += [n for n in names if n == 'labels.csv']
        try:
            open('/files/../private/labels.csv')
            print('private/ is visible')
        except OSError:
            pass
        print(found, os.path.realpath('x.csv'))
    """,
        limits=Limits(time_ms=5000, memory_mb=128),
        files_dir=package / "files",
    )
    assert result.status is RunStatus.OK, result
    assert result.stdout == b"[] /files/x.csv\n"
