"""files/, files/public/ and statement/: what a package may hold, and what its statements may show."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from judge import package_files
from judge.problem_yaml import ProblemError
from judge.problemset import load_problem
from judge.statement_refs import references

PNG = b"\x89PNG\r\n\x1a\n"  # enough for the loader, which checks paths, not pixels


def load_error(root: Path) -> ProblemError:
    with pytest.raises(ProblemError) as caught:
        load_problem(root)
    return caught.value


def with_files(root: Path, *paths: str) -> Path:
    for path in paths:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(PNG if path.endswith(".png") else b"1,2\n")
    return root


def test_sub_folders_load(make_package) -> None:
    root = with_files(make_package(), "files/data/icecream.csv", "files/public/a/b.csv")
    problem = load_problem(root)
    assert problem.files_dir == root / "files"
    found = package_files.scan(root / "files", sandbox_readable=True)
    assert [(f.path, f.size) for f in found] == [("data/icecream.csv", 4), ("public/a/b.csv", 4)]


def test_a_symbolic_link_is_refused_by_name(make_package) -> None:
    root = with_files(make_package(), "files/data/real.csv")
    (root / "files" / "data" / "link.csv").symlink_to(root / "files" / "data" / "real.csv")
    error = load_error(root)
    assert error.path == root / "files" / "data" / "link.csv"
    assert "symbolic link" in str(error)


def test_a_linked_files_folder_is_refused(make_package, tmp_path) -> None:
    root = make_package()
    (tmp_path / "elsewhere").mkdir()
    (root / "files").symlink_to(tmp_path / "elsewhere")
    assert load_error(root).path == root / "files"


def test_a_fifo_or_socket_is_refused(make_package) -> None:
    root = make_package()
    (root / "files").mkdir()
    os.mkfifo(root / "files" / "pipe")
    assert load_error(root).path == root / "files" / "pipe"
    (root / "files" / "pipe").unlink()
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(root / "files" / "sock"))
        error = load_error(root)
    assert (error.path, "not a regular file" in str(error)) == (root / "files" / "sock", True)


@pytest.mark.parametrize("name", [".hidden", "with space.csv", "naïve.csv", "a\nb", "-x"])
def test_names_a_url_or_the_sandbox_cannot_carry(make_package, name) -> None:
    root = with_files(make_package(), "files/ok.csv")
    (root / "files" / name).write_text("x")
    error = load_error(root)
    assert error.path == root / "files" / name and "names use letters" in str(error)


def test_a_file_the_sandbox_user_cannot_read(make_package) -> None:
    root = with_files(make_package(), "files/data/secret.csv")
    (root / "files" / "data" / "secret.csv").chmod(0o600)
    error = load_error(root)
    assert error.path == root / "files" / "data" / "secret.csv"
    assert "mode 0600; chmod o+r" in str(error)
    (root / "files" / "data" / "secret.csv").chmod(0o644)
    (root / "files" / "data").chmod(0o700)
    assert "chmod o+rx" in str(load_error(root))


def test_folders_nest_at_most_eight_deep(make_package) -> None:
    root = with_files(make_package(), "files/" + "d/" * 7 + "ok.csv")
    load_problem(root)
    with_files(root, "files/" + "d/" * 8 + "deep.csv")
    assert "at most 8 deep" in str(load_error(root))


def test_too_many_bytes_is_a_load_error_with_the_reason(make_package, monkeypatch) -> None:
    root = with_files(make_package(), "files/a.csv", "files/b.csv")
    monkeypatch.setattr(package_files, "MAX_BYTES", 7)
    error = load_error(root)
    assert error.path == root / "files" and "holds 0.0 MiB; at most 0 MiB" in str(error)


def test_public_must_be_a_folder(make_package) -> None:
    root = with_files(make_package(), "files/public")
    assert load_error(root).path == root / "files" / "public"


# --- what statements refer to --------------------------------------------------------------------


def test_references_are_found_in_markdown_and_html() -> None:
    text = (
        "![plot](statement/a.png) [data](files/public/x.csv)\n\n"
        '<figure><img src="statement/b.png" alt=""><figcaption>b</figcaption></figure>\n\n'
        'inline <img src="files/public/c.png"/> and $[x](y)$ is math\n'
    )
    assert references(text) == [
        ("image", "statement/a.png"),
        ("link", "files/public/x.csv"),
        ("image", "statement/b.png"),
        ("image", "files/public/c.png"),
    ]


def test_images_and_links_to_the_package_load(make_package) -> None:
    root = with_files(make_package(), "statement/graph.png", "files/public/data/x.csv")
    (root / "statement.md").write_text(
        "![graph](statement/graph.png)\n\n[download](files/public/data/x.csv) "
        "[docs](https://pytorch.org/docs) [top](#input)\n"
    )
    load_problem(root)


@pytest.mark.parametrize(
    ("reference", "reason"),
    [
        ("![g](statement/missing.png)", "'statement/missing.png': no such file in the package"),
        ('<img src="statement/missing.png">', "no such file"),
        ("![g](graph.png)", "starts with statement/ or files/public/"),
        ("![g](files/hidden.png)", "starts with statement/ or files/public/"),
        ("[labels](private/labels.csv)", "starts with statement/ or files/public/"),
        ("![g](https://example.com/g.png)", "images come from the package"),
        ('<img src="data:image/png;base64,AAAA">', "images come from the package"),
        ("![g](/static/g.png)", "images come from the package"),
        ("![g](statement/notes.txt)", "images are .png, .jpg, .jpeg, .gif, .webp files"),
        ("[notes](statement/notes.txt)", "link 'statement/notes.txt': images are .png"),
        ('<a href="javascript:alert(1)">x</a>', "only http, https and mailto"),
    ],
)
def test_a_bad_reference_names_the_statement_and_the_path(make_package, reference, reason):
    root = with_files(make_package(), "statement/graph.png", "statement/notes.txt")
    with_files(root, "files/hidden.png", "private/labels.csv")
    (root / "statement.ja.md").write_text(f"# デモ\n\n{reference}\n", encoding="utf-8")
    error = load_error(root)
    assert error.path == root / "statement.ja.md"
    assert reason in str(error)


def test_a_shipped_problem_uses_public_data_in_a_sub_folder_an_image_and_a_hint() -> None:
    root = Path(__file__).resolve().parents[2] / "problems" / "minimize-difficult-function"
    problem = load_problem(root)
    public = package_files.scan(root / "files", sandbox_readable=True)
    assert "public/data/f-values.csv" in [f.path for f in public]
    for text in problem.statements.values():
        assert ("image", "statement/f-graph.png") in references(text)
        assert "<details>" in text and "public/data/f-values.csv" in text
