"""An uploaded package's mistakes come back as a small 422 whatever the package holds (issue 9: an
alias bomb of 3 KB zipped answered with a 312 MB error body and grew the process by 2.5 GB)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import yaml

from tests.app.fakes import write_problem
from tests.app.test_admin import problems_dir, upload, zip_folder  # noqa: F401 (a private problems/)
from tests.judge.test_yaml_limits import alias_bomb

SMALL_BODY = 4096


def package_with(tmp_path: Path, problem_yaml: str) -> bytes:
    package = write_problem(tmp_path / "src", "hostile")
    (package / "problem.yaml").write_text(problem_yaml, encoding="utf-8")
    return zip_folder(package, prefix="hostile")


def spec_of(tmp_path: Path, **changes: object) -> str:
    spec = yaml.safe_load(
        (write_problem(tmp_path / "spec", "hostile") / "problem.yaml").read_text()
    )
    return yaml.safe_dump({**spec, **changes}, sort_keys=False)


def assert_small_refusal(response, says: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.text[:2000]
    assert len(response.content) < SMALL_BODY, len(response.content)
    assert says in response.text, response.text


def test_an_alias_bomb_is_a_small_422_without_blowing_up(client, accounts, tmp_path, problems_dir):  # noqa: F811
    admin = accounts.admin()
    data = package_with(tmp_path, "id: hostile\n" + alias_bomb() + "title: *a8\n")
    assert len(data) < 4096  # the bomb of the issue: a few KB zipped
    tracemalloc.start()
    try:
        response = upload(client, admin, data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_small_refusal(response, "YAML aliases (*a0) are not allowed")
    assert peak < 50 * 2**20, f"the upload allocated {peak / 2**20:.0f} MiB at its peak"
    assert not (problems_dir / "hostile").exists()


def test_a_huge_value_is_quoted_short(client, accounts, tmp_path):
    data = package_with(tmp_path, spec_of(tmp_path, title="x" * 200_000))
    assert_small_refusal(upload(client, accounts.admin(), data), "title: String should have")


def test_thousands_of_mistakes_are_a_bounded_list(client, accounts, tmp_path):
    data = package_with(tmp_path, spec_of(tmp_path, samples=[{"bad": i} for i in range(5_000)]))
    assert_small_refusal(upload(client, accounts.admin(), data), "more")


def test_a_huge_file_name_is_quoted_short(client, accounts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../" + "x" * 60_000, "hello")
    assert_small_refusal(upload(client, accounts.admin(), buffer.getvalue()), "unsafe path")
