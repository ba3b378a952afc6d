"""Public files, statement images and Japanese-only statements through the API."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.problems import files
from tests.app.fakes import write_problem

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 8
TRAIN = b"x,y\n1,2\n"


@pytest.fixture(scope="module")
def problems_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Overrides the shared fixture: a problem with data files, and a Japanese-only one."""
    root = tmp_path_factory.mktemp("problems")
    folder = write_problem(root, "data-demo", title="Data demo", section=2)
    for path, data in {
        "files/public/data/train.csv": TRAIN,
        "files/public/readme.txt": b"read me\n",
        "files/hidden.csv": b"only for submissions\n",
        "private/labels.csv": b"only for the checker\n",
        "statement/graph.png": PNG,
        "statement/notes.txt": b"an author's note\n",
    }.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    (folder / "statement.md").write_text(
        "# Data demo\n\n![graph](statement/graph.png)\n\n"
        "[training data](files/public/data/train.csv)\n\n"
        "<details><summary>Hint</summary>Read it with pandas.</details>\n"
    )
    only_ja = write_problem(root, "ja-only", title="Japanese only", section=2)
    (only_ja / "statement.md").unlink()
    return root


def test_the_list_holds_every_public_file_and_nothing_else(client) -> None:
    response = client.get("/api/problems/data-demo/files")
    assert response.status_code == 200
    assert response.json() == [
        {"path": "public/data/train.csv", "size": len(TRAIN)},
        {"path": "public/readme.txt", "size": 8},
    ]
    assert client.get("/api/problems/ja-only/files").json() == []
    missing = client.get("/api/problems/nope/files")
    assert missing.status_code == 404 and missing.json()["detail"] == "no problem 'nope'"


def test_a_public_file_downloads_as_an_attachment(client) -> None:
    response = client.get("/api/problems/data-demo/files/public/data/train.csv")
    assert response.status_code == 200
    assert response.content == TRAIN
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="train.csv"'
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-length"] == str(len(TRAIN))
    assert "sandbox" in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    "path",
    [
        "hidden.csv",  # visible to submissions, not downloadable
        "public",
        "public/data",
        "public/missing.csv",
        "public/%2e%2e/hidden.csv",
        "public/..%2fhidden.csv",
        "%2e%2e/private/labels.csv",
        "public/%2e%2e/%2e%2e/private/labels.csv",
        "public/%2e%2e/%2e%2e/problem.yaml",
        "public//readme.txt",
        "public/.%2freadme.txt",
        "/etc/passwd",
    ],
)
def test_anything_but_a_public_file_is_a_404(client, path: str) -> None:
    response = client.get(f"/api/problems/data-demo/files/{path}")
    assert response.status_code == 404, response.text
    assert isinstance(response.json()["detail"], str)


@pytest.mark.parametrize(
    "path",
    [
        "public/../hidden.csv",
        "../private/labels.csv",
        "public/../../tests/1.ans",
        "public/./readme.txt",
        "public/data/../../hidden.csv",
    ],
)
def test_dot_segments_are_refused_before_the_disk(problems_dir, path: str) -> None:
    # An HTTP client removes dot segments itself; the service refuses them too.
    with pytest.raises(files.NotServed):
        files.open_public(problems_dir / "data-demo", "data-demo", path)


def test_files_are_served_from_the_stored_version_not_the_folder(client, problems_dir) -> None:
    # The folder is only what a sync reads: a change there is served after the next sync.
    train = problems_dir / "data-demo" / "files" / "public" / "data" / "train.csv"
    train.write_bytes(b"x,y\n9,9\n")
    try:
        served = client.get("/api/problems/data-demo/files/public/data/train.csv")
        assert served.content == TRAIN
    finally:
        train.write_bytes(TRAIN)


def test_a_link_planted_after_loading_is_not_followed(client, version_cache_dir) -> None:
    client.get("/api/problems/data-demo/files")  # the version is unpacked on this machine
    [package] = Path(version_cache_dir).glob("*/data-demo")
    public = package / "files" / "public"
    (public / "leak.csv").symlink_to(package / "private" / "labels.csv")
    (public / "tests").symlink_to(package / "tests", target_is_directory=True)
    try:
        for path in ("public/leak.csv", "public/tests/1.ans"):
            response = client.get(f"/api/problems/data-demo/files/{path}")
            assert response.status_code == 404, path
        assert client.get("/api/problems/data-demo/files").json() == []  # listed: nothing wrong
    finally:
        (public / "leak.csv").unlink()
        (public / "tests").unlink()


def test_statement_images_are_served_and_nothing_else(client) -> None:
    image = client.get("/api/problems/data-demo/statement/graph.png")
    assert image.status_code == 200 and image.content == PNG
    assert image.headers["content-type"] == "image/png"
    assert image.headers["content-disposition"].startswith("inline")
    for path in ("notes.txt", "missing.png", "%2e%2e/statement.md", "%2e%2e/problem.yaml"):
        assert client.get(f"/api/problems/data-demo/statement/{path}").status_code == 404, path


def test_a_japanese_only_problem_answers_in_japanese(client) -> None:
    for lang in ("en", "ja"):
        detail = client.get("/api/problems/ja-only", params={"lang": lang}).json()
        assert detail["lang"] == "ja" and "入力をそのまま出力せよ。" in detail["statement"]
    assert "ja-only" in [p["id"] for p in client.get("/api/problems").json()]
