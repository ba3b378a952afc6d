"""Uploaded problem packages: safe unzipping, validation by judging, installing into problems/."""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from app.admin.schemas import ReferenceTest
from judge.problem_yaml import MAX_ERRORS, ProblemError, clip, read_yaml
from judge.problemset import Problem, load_problem
from judge.runner import Runner
from judge.spec import PROBLEM_ID
from judge.validation import MAX_FILES, MAX_PACKAGE_BYTES, check_package
from judge.verdict import JudgeReport


class PackageRejected(Exception):
    """`reasons`, one line each; `reference`: the reference solution's tests when it was judged;
    `warnings`: what `mljudge problems check` would warn of too.

    The lines quote the upload (names, values, the reference's output), so they are bounded: at
    most MAX_ERRORS of each, each cut short, whatever the package holds."""

    def __init__(
        self,
        reasons: list[str],
        reference: list[ReferenceTest] | None = None,
        warnings: list[str] | None = None,
    ):
        self.reasons = _bounded(reasons)
        self.reference = reference or []
        self.warnings = _bounded(warnings or [])
        super().__init__("; ".join(self.reasons))


def _bounded(lines: list[str]) -> list[str]:
    kept = [clip(line) for line in lines[:MAX_ERRORS]]
    if len(lines) > MAX_ERRORS:
        kept.append(f"… and {len(lines) - MAX_ERRORS} more")
    return kept


def unpack(data: bytes, into: Path) -> Path:
    """Extract a zip holding one problem folder (or the folder's contents); returns the folder.

    Only regular files with relative, non-escaping names are written, within size limits.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise PackageRejected(["not a zip file"]) from None
    members = [m for m in archive.infolist() if not m.is_dir()]
    if not members:
        raise PackageRejected(["the zip is empty"])
    if len(members) > MAX_FILES:
        raise PackageRejected([f"more than {MAX_FILES} files"])
    if sum(m.file_size for m in members) > MAX_PACKAGE_BYTES:
        raise PackageRejected([f"unpacks to more than {MAX_PACKAGE_BYTES // 2**20} MiB"])
    for member in members:
        name = PurePosixPath(member.filename)
        is_link = (member.external_attr >> 16) & 0o170000 == 0o120000
        if name.is_absolute() or ".." in name.parts or "\\" in member.filename or is_link:
            raise PackageRejected([f"unsafe path in zip: {member.filename!r}"])
        target = into.joinpath(*name.parts)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, open(target, "wb") as sink:
                shutil.copyfileobj(source, sink)
        except (zipfile.BadZipFile, zlib.error, RuntimeError, OSError) as exc:
            # A corrupt or encrypted entry, or a file and a folder of the same name.
            raise PackageRejected([f"cannot unpack {member.filename!r}: {exc}"]) from None
    if (into / "problem.yaml").is_file():
        return into
    folders = [p for p in into.iterdir() if p.is_dir() and (p / "problem.yaml").is_file()]
    if len(folders) != 1:
        raise PackageRejected(["the zip must hold problem.yaml, or one folder that holds it"])
    return folders[0]


def name_by_id(folder: Path, staging: Path) -> Path:
    """Rename the unpacked folder after the id in its problem.yaml, as load_problem requires.

    A folder whose id is not one is left as it is: the check then refuses it with the loader's
    words, as `mljudge problems check` would."""
    try:
        declared = read_yaml(folder / "problem.yaml")
    except ProblemError:
        return folder  # not valid YAML, an alias, too large: the check says so
    problem_id = declared.get("id") if isinstance(declared, dict) else None
    if (
        not isinstance(problem_id, str)
        or not re.match(PROBLEM_ID, problem_id)
        or len(problem_id) > 40
    ):
        return folder
    if folder.name == problem_id:
        return folder
    renamed = staging / "named" / problem_id
    renamed.parent.mkdir()
    return folder.rename(renamed)


def _reference_tests(report: JudgeReport) -> list[ReferenceTest]:
    return [
        ReferenceTest(
            name=case.name,
            sample=case.sample,
            verdict=case.verdict.value,
            score=case.score,
            time_ms=case.time_ms,
            message=clip(case.message),
        )
        for case in report.tests
    ]


def validate(folder: Path, runner: Runner) -> tuple[Problem, list[ReferenceTest], list[str]]:
    """Check the package as `mljudge problems check` does (judge.validation.check_package): the
    problem, its reference solution's results test by test, and the warnings."""
    check = check_package(folder, runner)
    # Named inside the upload, not by the server's staging folder.
    prefix = str(folder.parent) + "/"
    reasons = [line.replace(prefix, "") for line in check.failures]
    warnings = [line.replace(prefix, "") for line in check.warnings]
    reference = _reference_tests(check.reference) if check.reference else []
    if check.problem is None or reasons:
        raise PackageRejected(reasons, reference, warnings)
    return check.problem, reference, warnings


def install(
    data: bytes, problems_dir: Path, runner: Runner
) -> tuple[Problem, bool, list[ReferenceTest], list[str]]:
    """Validate an uploaded package and move it into `problems_dir`; (problem, replaced, the
    reference solution's results test by test, the warnings)."""
    problems_dir.mkdir(parents=True, exist_ok=True)
    # Staged beside the destination so the final move is a rename on the same filesystem.
    with tempfile.TemporaryDirectory(dir=problems_dir, prefix=".upload-") as staging:
        folder = name_by_id(unpack(data, Path(staging) / "unpacked"), Path(staging))
        staged, reference, warnings = validate(folder, runner)
        destination = problems_dir / staged.id
        replaced = destination.exists()
        if replaced:
            retired = Path(staging) / "retired"
            destination.rename(retired)
        folder.rename(destination)
    return load_problem(destination), replaced, reference, warnings
