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
from judge.validation import validate_problem
from judge.verdict import JudgeReport

MAX_FILES = 2000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


class PackageRejected(Exception):
    """`reasons`, one line each; `reference`: the reference solution's tests when it was judged.

    The reasons quote the upload (names, values, the reference's output), so they are bounded:
    at most MAX_ERRORS lines, each cut short, whatever the package holds."""

    def __init__(self, reasons: list[str], reference: list[ReferenceTest] | None = None):
        self.reasons = [clip(reason) for reason in reasons[:MAX_ERRORS]]
        if len(reasons) > MAX_ERRORS:
            self.reasons.append(f"… and {len(reasons) - MAX_ERRORS} more")
        self.reference = reference or []
        super().__init__("; ".join(self.reasons))


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
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise PackageRejected([f"unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB"])
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
    """Rename the unpacked folder after the id in its problem.yaml, as load_problem requires."""
    try:
        declared = read_yaml(folder / "problem.yaml")
    except ProblemError as exc:
        raise PackageRejected(_relative(exc, folder)) from None
    problem_id = declared.get("id") if isinstance(declared, dict) else None
    if (
        not isinstance(problem_id, str)
        or not re.match(PROBLEM_ID, problem_id)
        or len(problem_id) > 40
    ):
        raise PackageRejected(
            ["problem.yaml: id: lowercase letters, digits and hyphens, at most 40"]
        )
    if folder.name == problem_id:
        return folder
    renamed = staging / "named" / problem_id
    renamed.parent.mkdir()
    return folder.rename(renamed)


def _relative(error: ProblemError, root: Path) -> list[str]:
    """The error's lines naming files inside the upload, not in the server's staging folder."""
    prefix = str(root) + "/"
    return [line.replace(prefix, "") for line in error.lines]


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


def validate(folder: Path, runner: Runner) -> tuple[Problem, list[ReferenceTest]]:
    """Load the package and judge it as `mljudge problems check` does (judge/validation.py);
    the problem and its reference solution's results, test by test."""
    try:
        problem = load_problem(folder)
    except ProblemError as exc:
        raise PackageRejected(_relative(exc, folder.parent)) from None
    references: list[JudgeReport] = []
    reasons = validate_problem(problem, runner, references.append)
    reference = _reference_tests(references[0]) if references else []
    if reasons:
        raise PackageRejected(reasons, reference)
    return problem, reference


def install(
    data: bytes, problems_dir: Path, runner: Runner
) -> tuple[Problem, bool, list[ReferenceTest]]:
    """Validate an uploaded package and move it into `problems_dir`; (problem, replaced, the
    reference solution's results test by test)."""
    problems_dir.mkdir(parents=True, exist_ok=True)
    # Staged beside the destination so the final move is a rename on the same filesystem.
    with tempfile.TemporaryDirectory(dir=problems_dir, prefix=".upload-") as staging:
        folder = name_by_id(unpack(data, Path(staging) / "unpacked"), Path(staging))
        staged, reference = validate(folder, runner)
        destination = problems_dir / staged.id
        replaced = destination.exists()
        if replaced:
            retired = Path(staging) / "retired"
            destination.rename(retired)
        folder.rename(destination)
    return load_problem(destination), replaced, reference
