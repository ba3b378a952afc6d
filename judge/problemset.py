"""Problem packages: `problems/<id>/problem.yaml` and the files beside it.

A package is parsed into the models of judge/spec.py (``extra="forbid"``) so that a typo in the
YAML is an error at load time naming the file and the field, never a silently ignored key.
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from judge import package_files, statement_refs
from judge.package_archive import package_digest
from judge.problem_yaml import ProblemError, read_yaml, validation_error
from judge.runtime import PRELOAD, preload_for
from judge.spec import LANGUAGES, TEST_NAME, ProblemSpec, Strict


class TestCase(Strict):
    name: str
    input_path: Path | None
    answer_path: Path
    sample: bool

    def read_input(self) -> bytes:
        return self.input_path.read_bytes() if self.input_path else b""

    def read_answer(self) -> str:
        return self.answer_path.read_text(encoding="utf-8")


class TestGroup(Strict):
    """A group with its `tests:` entries resolved to the names of existing tests, in test order."""

    name: str
    points: float
    rule: Literal["min", "all-or-nothing"]
    private: bool
    tests: list[str]


class Problem(Strict):
    """A loaded, validated package. Paths stay on the judge side, never in a sandbox."""

    spec: ProblemSpec
    root: Path
    tests: list[TestCase]
    statements: dict[str, str]
    solution_path: Path
    checker_path: Path | None
    files_dir: Path | None
    version: str = Field(description="sha256 over every file of the package")
    groups: list[TestGroup] = Field(
        default_factory=list, description="empty unless scoring: groups"
    )
    preload: tuple[str, ...] = Field(
        default=PRELOAD, description="what the zygote judging its tests preloads (runtime.py)"
    )

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def private_tests(self) -> frozenset[str]:
        return frozenset(name for group in self.groups if group.private for name in group.tests)

    def expect_path(self, name: str) -> Path:
        return self.root / "expect" / name


def _read_utf8(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        byte = exc.object[exc.start]
        raise ProblemError(path, f"not UTF-8 text (byte {exc.start} is {byte:#04x})") from None


def _natural_key(name: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def _read_spec(yaml_path: Path) -> ProblemSpec:
    if not yaml_path.is_file():
        raise ProblemError(yaml_path, "missing")
    raw = read_yaml(yaml_path)
    if not isinstance(raw, dict):
        raise ProblemError(yaml_path, "must be a mapping of fields")
    try:
        return ProblemSpec.model_validate(raw)
    except ValidationError as exc:
        raise validation_error(yaml_path, raw, exc) from None


def _discover_tests(root: Path, spec: ProblemSpec, yaml_path: Path) -> list[TestCase]:
    tests_dir = root / "tests"
    if not tests_dir.is_dir():
        raise ProblemError(tests_dir, "missing: a problem needs at least one tests/NAME.ans")
    answers = {p.stem: p for p in tests_dir.glob("*.ans")}
    inputs = {p.stem: p for p in tests_dir.glob("*.in")}
    function_mode = spec.mode == "function"
    for path in sorted(tests_dir.iterdir()):
        if path.suffix == ".npy" and function_mode:
            continue  # arrays of the tests, checked with them (judge/functions.py)
        if path.suffix not in (".in", ".ans"):
            what = "NAME.in, NAME.ans and .npy arrays" if function_mode else "NAME.in and NAME.ans"
            raise ProblemError(path, f"unexpected file: tests/ holds only {what}")
        if not TEST_NAME.match(path.stem):
            raise ProblemError(
                path, "test names use letters, digits, '_', '-' and '.' (at most 100)"
            )
    for path in answers.values():
        _read_utf8(path)  # checkers get answers as text; finding out mid-judging would crash it
    for name, path in inputs.items():
        if name not in answers:
            raise ProblemError(path, f"has no answer file tests/{name}.ans")
    if not answers:
        raise ProblemError(tests_dir, "no tests: add tests/NAME.ans (and NAME.in for input)")
    missing = [
        ProblemError(yaml_path, f"no test named {name!r} in tests/", f"samples.{index}")
        for index, name in enumerate(spec.samples)
        if name not in answers
    ]
    if missing:
        raise ProblemError.several(missing)
    return [
        TestCase(
            name=name,
            input_path=inputs.get(name),
            answer_path=answers[name],
            sample=name in spec.samples,
        )
        for name in sorted(answers, key=_natural_key)
    ]


def _resolve_groups(spec: ProblemSpec, names: list[str], yaml_path: Path) -> list[TestGroup]:
    """Check `scoring:`/`groups:`/`reveal_private_at:` and map each group entry to test names."""
    if spec.scoring != "groups":
        if spec.groups is not None:
            raise ProblemError(yaml_path, "given, but scoring is not 'groups'", "groups")
        if spec.reveal_private_at is not None:
            raise ProblemError(yaml_path, "only with private groups", "reveal_private_at")
        return []
    if not spec.groups:
        raise ProblemError(yaml_path, "required with scoring: groups (a list of groups)", "groups")
    owner: dict[str, str] = {}
    resolved = []
    for index, group in enumerate(spec.groups):
        where = f"groups.{index}"
        if any(g.name == group.name for g in spec.groups[:index]):
            raise ProblemError(yaml_path, f"{group.name!r} names two groups", f"{where}.name")
        members: list[str] = []
        for position, entry in enumerate(group.tests):
            field = f"{where}.tests.{position}"
            if entry in names:
                matched = [entry]
            elif any(c in entry for c in "*?["):
                matched = [n for n in names if fnmatch.fnmatchcase(n, entry)]
                if not matched:
                    raise ProblemError(yaml_path, f"pattern {entry!r} matches no test", field)
            else:
                raise ProblemError(yaml_path, f"no test named {entry!r} in tests/", field)
            for name in matched:
                if name in owner:
                    message = f"test {name!r} is already in group {owner[name]!r}"
                    raise ProblemError(yaml_path, message, field)
                owner[name] = group.name
                members.append(name)
        members.sort(key=names.index)
        resolved.append(
            TestGroup(
                name=group.name,
                points=group.points,
                rule=group.rule,
                private=group.private,
                tests=members,
            )
        )
    for name in names:
        if name not in owner:
            raise ProblemError(yaml_path, f"test {name!r} is in no group", "groups")
    total = sum(g.points for g in spec.groups)
    if abs(total - spec.points) > 1e-9 * max(1.0, spec.points):
        message = f"the groups' points sum to {total:g}, but points is {spec.points:g}"
        raise ProblemError(yaml_path, message, "groups")
    private = [g.name for g in spec.groups if g.private]
    if private and spec.reveal_private_at is None:
        message = f"required when a group is private ({', '.join(private)})"
        raise ProblemError(yaml_path, message, "reveal_private_at")
    if not private and spec.reveal_private_at is not None:
        raise ProblemError(yaml_path, "only with private groups", "reveal_private_at")
    return resolved


def statement_path(root: Path, lang: str) -> Path:
    return root / ("statement.md" if lang == "en" else f"statement.{lang}.md")


def _check_deliverable(root: Path, statements: dict[str, str]) -> None:
    """files/ and statement/ hold only what can be delivered; statements refer only to that."""
    shown: set[str] = set()
    try:
        files_dir = root / "files"
        if files_dir.is_dir() and not files_dir.is_symlink():
            for found in package_files.scan(files_dir, sandbox_readable=True):
                if found.path.startswith("public/"):
                    shown.add(f"files/{found.path}")
            if (files_dir / "public").exists() and not (files_dir / "public").is_dir():
                raise package_files.PackageFileError(
                    files_dir / "public",
                    "must be a folder: files/public/ is what students download",
                )
        elif files_dir.exists() or files_dir.is_symlink():
            raise package_files.PackageFileError(files_dir, "must be a folder (not a link)")
        images_dir = root / "statement"
        if images_dir.is_dir() and not images_dir.is_symlink():
            shown |= {
                f"statement/{f.path}"
                for f in package_files.scan(images_dir, sandbox_readable=False)
            }
        elif images_dir.exists() or images_dir.is_symlink():
            raise package_files.PackageFileError(images_dir, "must be a folder (not a link)")
    except package_files.PackageFileError as exc:
        raise ProblemError(exc.path, exc.message) from None
    for lang, text in statements.items():
        for kind, url in statement_refs.references(text):
            reason = statement_refs.problem(kind, url, shown)
            if reason:
                raise ProblemError(statement_path(root, lang), reason)


def missing_statements(problem: Problem) -> list[str]:
    """Warnings, not errors: students see the language that exists. A problem that declares
    `languages:` has said which statements it ships, so nothing is missing."""
    if problem.spec.languages is not None:
        return []
    return [
        f"{statement_path(problem.root, lang)}: missing; students see the "
        f"{'Japanese' if lang == 'en' else 'English'} statement instead "
        f"(declare `languages: [{'ja' if lang == 'en' else 'en'}]` if that is meant)"
        for lang in LANGUAGES
        if lang not in problem.statements
    ]


def load_problem(root: Path) -> Problem:
    """Load and validate one package folder; raises ProblemError naming what is wrong."""
    # Absolute: the checker process and the sandbox resolve paths from other working directories.
    root = Path(root).absolute()
    yaml_path = root / "problem.yaml"
    spec = _read_spec(yaml_path)
    if spec.id != root.name:
        raise ProblemError(
            yaml_path, f"{spec.id!r} differs from the folder name {root.name!r}", "id"
        )
    if spec.mode == "function" or spec.model_fields_set & {"function", "compare", "requires"}:
        from judge.functions import check_function_fields

        check_function_fields(spec, yaml_path)
    tests = _discover_tests(root, spec, yaml_path)
    groups = _resolve_groups(spec, [t.name for t in tests], yaml_path)

    statements = {}
    for lang in LANGUAGES:
        path = statement_path(root, lang)
        if path.is_file():
            statements[lang] = _read_utf8(path)
    if not statements:
        raise ProblemError(
            root / "statement.md", "missing: a problem needs statement.md or statement.ja.md"
        )
    for lang in spec.languages or ():
        if lang not in statements:
            raise ProblemError(statement_path(root, lang), "missing, but `languages:` lists it")
    for lang in statements:
        if spec.languages is not None and lang not in spec.languages:
            raise ProblemError(
                yaml_path,
                f"{statement_path(root, lang).name} exists but is not listed",
                "languages",
            )
    _check_deliverable(root, statements)

    solution_path = root / "solution.py"
    if not solution_path.is_file():
        raise ProblemError(solution_path, "missing: the reference solution validates the problem")

    checker_path = root / "checker.py"
    is_custom = spec.checker.type == "custom"
    if is_custom and not checker_path.is_file():
        raise ProblemError(checker_path, "missing, but problem.yaml says checker.type: custom")
    if not is_custom and checker_path.exists():
        raise ProblemError(
            checker_path, "present, but problem.yaml does not say checker.type: custom"
        )

    expect_dir = root / "expect"
    listed = set(spec.expect)
    present = {p.name for p in expect_dir.glob("*.py")} if expect_dir.is_dir() else set()
    for name in sorted(listed - present):
        raise ProblemError(yaml_path, f"no file expect/{name}", f"expect.{name}")
    for name in sorted(present - listed):
        raise ProblemError(expect_dir / name, "not listed under expect: in problem.yaml")

    if spec.mode == "function":
        from judge.functions import check_function_package

        check_function_package(root, spec, tests, statements)

    files_dir = root / "files"
    solutions = [solution_path, *(expect_dir / name for name in sorted(listed))]
    return Problem(
        spec=spec,
        root=root,
        tests=tests,
        statements=statements,
        solution_path=solution_path,
        checker_path=checker_path if is_custom else None,
        files_dir=files_dir if files_dir.is_dir() else None,
        version=package_digest(root),
        groups=groups,
        preload=preload_for(_read_utf8(path) for path in solutions),
    )


def package_folders(problems_root: Path) -> list[Path]:
    """The package folders under `problems_root` (those holding a problem.yaml), sorted."""
    return sorted(p.parent for p in Path(problems_root).glob("*/problem.yaml"))


def load_all(problems_root: Path, errors: list[ProblemError] | None = None) -> list[Problem]:
    """Every package under `problems_root` (folders holding a problem.yaml), sorted by id.

    The first package that does not load raises, unless `errors` is given: then each such
    package's error is added to it and the others still load (`mljudge problems check`)."""
    problems = []
    for root in package_folders(problems_root):
        try:
            problems.append(load_problem(root))
        except ProblemError as exc:
            if errors is None:
                raise
            errors.append(exc)
    return problems
