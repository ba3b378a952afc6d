"""One validator (judge.validation.check_package) behind `mljudge problems check` and the admin
upload: the same bad packages, fed to both, are refused with the same lines and warned of alike."""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
from pathlib import Path

import pytest

from judge import cli
from tests.app.fakes import FakeRunner, write_problem
from tests.app.test_admin import upload, zip_folder


@pytest.fixture
def problems_dir(tmp_path: Path) -> Path:
    root = tmp_path / "problems"
    write_problem(root, "echo", title="Echo", section=3)  # the service starts with one problem
    return root


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _wrong_reference(folder: Path) -> None:
    (folder / "solution.py").write_text("#fake WRONG\n")


def _unknown_field(folder: Path) -> None:
    _edit(folder, "problem.yaml", "checker:", "colour: red\nchecker:")


def _bad_id(folder: Path) -> None:
    _edit(folder, "problem.yaml", f"id: {folder.name}", "id: Bad_Id")


def _no_output_section(folder: Path) -> None:
    _edit(folder, "statement.md", "## Output", "## Result")


def _wrong_expectation(folder: Path) -> None:
    (folder / "expect").mkdir()
    (folder / "expect" / "echo.py").write_text("#fake ECHO\n")
    _edit(folder, "problem.yaml", "checker:", "expect:\n  echo.py: WA\nchecker:")


def _japanese_only(folder: Path) -> None:  # a warning, not a refusal
    (folder / "statement.md").unlink()


def _tight_time_limit(folder: Path) -> None:  # the fake reference takes 12 ms: a warning
    _edit(folder, "problem.yaml", "checker:", "limits:\n  time_ms: 30\nchecker:")


def _too_many_files(folder: Path) -> None:
    for n in range(2001):
        (folder / f"extra-{n}.txt").write_text("")


def _a_link(folder: Path) -> None:
    os.symlink("1.ans", folder / "tests" / "link.txt")


PACKAGES = {
    "wrong-reference": _wrong_reference,
    "unknown-field": _unknown_field,
    "bad-id": _bad_id,
    "no-output-section": _no_output_section,
    "wrong-expectation": _wrong_expectation,
    "japanese-only": _japanese_only,
    "tight-time-limit": _tight_time_limit,
}
# A zip cannot bring these into the server, so the upload refuses them before unpacking, in
# words of its own; the folder check refuses the same packages.
REFUSED_BEFORE_UNPACKING = {"too-many-files": _too_many_files, "a-link": _a_link}


def _zip_keeping_links(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            if path.is_symlink():
                link = zipfile.ZipInfo(name)
                link.external_attr = 0o120777 << 16
                archive.writestr(link, os.readlink(path))
            elif path.is_file():
                archive.write(path, name)
    return buffer.getvalue()


def _cli_check(root: Path, monkeypatch, capsys) -> dict[str, tuple[list[str], list[str]]]:  # type: ignore[no-untyped-def]
    """`mljudge problems check` on every package under root: (refusals, warnings) by package,
    paths written from inside root as the upload writes them."""
    monkeypatch.setattr(cli, "_start_runner", lambda: contextlib.nullcontext(FakeRunner()))
    capsys.readouterr()
    cli.main(["problems", "check", "--problems", str(root)])
    found: dict[str, tuple[list[str], list[str]]] = {}
    current: list[str] = []
    warnings: list[str] = []
    for line in capsys.readouterr().out.replace(f"{root}/", "").splitlines():
        if line.startswith("warning: "):
            warnings.append(line.removeprefix("warning: "))
        elif line.startswith(("FAIL ", "ok   ")):
            name = line[5:].split(" ")[0]
            current = []
            found[name] = (current, warnings)
            warnings = []
        elif line.startswith("  - "):
            current.append(line[4:])
    return found


def test_the_upload_and_problems_check_refuse_and_warn_alike(
    client, accounts, tmp_path, monkeypatch, capsys
) -> None:
    admin = accounts.admin()
    root = tmp_path / "packages"
    for name, spoil in {**PACKAGES, **REFUSED_BEFORE_UNPACKING}.items():
        spoil(write_problem(root, name))
    by_cli = _cli_check(root, monkeypatch, capsys)
    assert set(by_cli) == set(PACKAGES) | set(REFUSED_BEFORE_UNPACKING)

    for name in PACKAGES:
        response = upload(client, admin, zip_folder(root / name, prefix=name))
        refusals, warnings = by_cli[name]
        if refusals:
            assert response.status_code == 422, (name, response.text)
            assert response.json()["detail"] == refusals, name
        else:
            assert response.status_code == 201, (name, response.text)
            assert response.json()["warnings"] == warnings, name
            assert warnings, name  # each of these packages is here for a warning
    for name in REFUSED_BEFORE_UNPACKING:
        response = upload(client, admin, _zip_keeping_links(root / name))
        assert response.status_code == 422 and by_cli[name][0], (name, response.text)


def test_each_refusal_names_what_is_wrong(tmp_path, monkeypatch, capsys) -> None:
    root = tmp_path / "packages"
    for name, spoil in {**PACKAGES, **REFUSED_BEFORE_UNPACKING}.items():
        spoil(write_problem(root, name))
    found = _cli_check(root, monkeypatch, capsys)
    assert found["wrong-reference"][0][0].startswith("wrong-reference/solution.py: got WA 0/100")
    assert found["unknown-field"][0] == ["unknown-field/problem.yaml: colour: unknown field"]
    assert found["bad-id"][0][0].startswith("bad-id/problem.yaml: id: ")
    assert found["no-output-section"][0] == [
        "no-output-section/statement.md: no '## Output' section"
    ]
    assert found["wrong-expectation"][0] == [
        "wrong-expectation/expect/echo.py: got AC, expected WA"
    ]
    assert found["japanese-only"] == (
        [],
        [
            (
                "japanese-only/statement.md: missing; students see the Japanese statement "
                "instead (declare `languages: [ja]` if that is meant)"
            )
        ],
    )
    refusals, warnings = found["tight-time-limit"]
    assert refusals == [] and warnings[0].startswith(
        "tight-time-limit/problem.yaml: limits.time_ms: the reference solution's slowest test "
        "takes 12 of 30 ms CPU (2.5x), under the 3x headroom"
    )
    files = sum(1 for path in (root / "too-many-files").rglob("*") if path.is_file())
    assert found["too-many-files"][0] == [
        f"too-many-files: {files} files; at most 2000 per package"
    ]
    assert found["a-link"][0] == [
        "a-link/tests/link.txt: a link; a package holds only files and folders"
    ]
