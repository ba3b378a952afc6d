"""Function mode on the judge side: test files → call container → sandbox → returned value → check.

A test is `tests/NAME.in`, a JSON object ``{"args": [...], "kwargs": {...}, "grad_output": ...}``
(only `args` is required; `grad_output` is required exactly with `call: autograd-function`), and
`tests/NAME.ans`, the JSON of the expected return value; both may name `.npy` files in tests/
(format: judge/wire.py). No `.in` means no arguments. The answer never enters the sandbox: the
child gets the call only, and the comparison (judge/checkers/values.py) runs here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from judge import wire
from judge.checkers.values import check_value
from judge.pipeline import case_result, failed_run, run_in_order
from judge.problem_yaml import ProblemError
from judge.problemset import Problem, TestCase
from judge.runner import Runner, RunRequest, RunResult, RunStatus
from judge.spec import ProblemSpec
from judge.verdict import CaseResult, CheckResult, Verdict

NPY_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,150}\.npy$")
CALL_KEYS = {"args", "kwargs", "grad_output"}
SAMPLE_CHARS = 4000
NOT_A_RESULT = (
    "your program's result could not be read ({reason}); did it write to the judge's result "
    "channel (a file descriptor it did not open)?"
)


def _file_blobs(tests_dir: Path, used: set[str]) -> Callable[[str, str], bytes]:
    def get(name: str, path: str) -> bytes:
        if not NPY_NAME.match(name):
            raise wire.WireError(f"{path}: {name!r} is not a file name NAME.npy in tests/")
        file = tests_dir / name
        if not file.is_file():
            raise wire.WireError(f"{path}: no file tests/{name}")
        used.add(name)
        return file.read_bytes()

    return get


def read_call(test: TestCase, spec: ProblemSpec, used: set[str] | None = None) -> tuple[dict, dict]:
    """The test's call as (JSON nodes, npy blobs by file name); WireError when malformed."""
    call: object = {"args": []}
    if test.input_path is not None:
        call = wire.loads(test.input_path.read_bytes())
    if not isinstance(call, dict):
        raise wire.WireError('must be a JSON object {"args": [...]}')
    extra = sorted(set(call) - CALL_KEYS)
    if extra:
        raise wire.WireError(f"{extra[0]}: unknown key (use args, kwargs, grad_output)")
    if not isinstance(call.get("args"), list):
        raise wire.WireError("args: required, a list of the positional arguments")
    if not isinstance(call.get("kwargs", {}), dict):
        raise wire.WireError("kwargs: must be an object of keyword arguments")
    wants_upstream = spec.function is not None and spec.function.call == "autograd-function"
    if wants_upstream != ("grad_output" in call):
        if wants_upstream:
            raise wire.WireError("grad_output: required with call: autograd-function")
        raise wire.WireError("grad_output: only with call: autograd-function")
    blobs: dict[str, bytes] = {}
    fetch = _file_blobs(test.answer_path.parent, used if used is not None else set())

    def keep(name: str, path: str) -> bytes:
        blobs[name] = fetch(name, path)
        return blobs[name]

    decoded = {key: wire.decode(call[key], keep, key) for key in CALL_KEYS if key in call}
    if spec.requires == "autograd" and not any(
        isinstance(leaf, wire.Array) and leaf.requires_grad for leaf in wire.leaves(decoded)
    ):
        raise wire.WireError(
            "args: requires: autograd needs a float tensor argument with requires_grad: true"
        )
    return call, blobs


def read_expected(test: TestCase, used: set[str] | None = None) -> object:
    node = wire.loads(test.answer_path.read_bytes())
    return wire.decode(node, _file_blobs(test.answer_path.parent, used or set()))


def check_function_fields(spec: ProblemSpec, yaml_path: Path) -> None:
    """The problem.yaml fields of function mode, which only go together."""
    if spec.mode != "function":
        for field in sorted(spec.model_fields_set & {"function", "compare", "requires"}):
            raise ProblemError(yaml_path, "only with mode: function", field)
        return
    if spec.function is None:
        raise ProblemError(
            yaml_path, "required with mode: function (name and signature)", "function"
        )
    if "checker" in spec.model_fields_set:
        raise ProblemError(
            yaml_path, "not used with mode: function (compare: sets the tolerances)", "checker"
        )
    if spec.requires == "autograd" and spec.function.call != "function":
        raise ProblemError(yaml_path, "autograd only with call: function", "requires")


def check_function_package(
    root: Path, spec: ProblemSpec, tests: list[TestCase], statements: dict[str, str]
) -> None:
    """Load-time checks of a function-mode package's files; ProblemError naming file and field."""
    assert spec.function is not None
    for lang, text in statements.items():
        if spec.function.signature not in text:
            name = "statement.md" if lang == "en" else f"statement.{lang}.md"
            raise ProblemError(
                root / name, f"does not show the signature {spec.function.signature!r}"
            )
    used: set[str] = set()
    for test in tests:
        try:
            read_call(test, spec, used)
        except wire.WireError as exc:
            raise ProblemError(test.input_path or test.answer_path, str(exc)) from None
        try:
            read_expected(test, used)
        except wire.WireError as exc:
            raise ProblemError(test.answer_path, str(exc)) from None
    for path in sorted((root / "tests").glob("*.npy")):
        if path.name not in used:
            raise ProblemError(path, "not used by any test (no .in or .ans names it)")


def call_container(problem: Problem, test: TestCase) -> bytes:
    """What the sandbox child reads on stdin: the call and its arrays, never the answer."""
    spec = problem.spec
    assert spec.function is not None
    call, blobs = read_call(test, spec)
    header = {
        "function": spec.function.name,
        "call": spec.function.call,
        "requires": spec.requires,
        # Room for the container's own framing within what the sandbox lets through.
        "result_limit": max(spec.limits.output_kb * 1024 - 1024, spec.limits.output_kb * 512),
        **call,
    }
    return wire.pack(header, blobs)


class ResultError(Exception):
    """The child's result cannot be used; the message is for the student (verdict WA)."""


def _not_a_result(reason: object) -> ResultError:
    return ResultError(NOT_A_RESULT.format(reason=reason))


def read_result(stdout: bytes) -> tuple[object, str | None]:
    """(returned value, autograd problem or None) from what the child wrote as its result."""
    if not stdout:
        raise ResultError("your program ended without returning a value (did it call os._exit()?)")
    try:
        header, blobs = wire.unpack(stdout)
    except wire.WireError as exc:
        raise _not_a_result(exc) from None
    if set(header) == {"error", "blobs"}:  # the harness refused what the function did
        raise ResultError(str(header["error"])[:2000])
    autograd = header.get("autograd")
    if set(header) != {"value", "autograd", "blobs"} or not isinstance(autograd, (str, type(None))):
        raise _not_a_result("unexpected fields")
    try:
        value = wire.decode(header["value"], wire.blob_getter(blobs))
    except wire.WireError as exc:
        raise _not_a_result(exc) from None
    return value, autograd[:2000] if autograd is not None else None


def check_result(problem: Problem, test: TestCase, result: RunResult) -> CheckResult:
    try:
        value, autograd = read_result(result.stdout)
    except ResultError as exc:
        return CheckResult.fail(str(exc))
    checked = check_value(read_expected(test), value, problem.spec.compare)
    if checked.passed and autograd is not None:
        return CheckResult.fail(autograd)
    return checked


def judge(problem: Problem, source: str, runner: Runner) -> Iterator[CaseResult]:
    requests = (
        RunRequest(
            source=source,
            stdin=call_container(problem, test),
            files_dir=problem.files_dir,
            limits=problem.spec.limits,
            preload=problem.preload,
            mode="function",
        )
        for test in problem.tests
    )
    results = run_in_order(runner, requests, len(problem.tests))
    for test, result in zip(problem.tests, results, strict=True):
        if result.status is not RunStatus.OK:
            yield failed_run(test, result)
            continue
        checked = check_result(problem, test, result)
        verdict = Verdict.AC if checked.passed else Verdict.WA
        yield case_result(test, result, verdict, checked.score, checked.message)


def sample_texts(test: TestCase, spec: ProblemSpec) -> tuple[str, str]:
    """A sample's call and answer as JSON with the arrays written out (cut when long)."""
    import json

    call, blobs = read_call(test, spec)
    decoded_call = {key: wire.decode(call[key], wire.blob_getter(blobs), key) for key in call}
    texts = []
    for value in (decoded_call, read_expected(test)):
        text = json.dumps(wire.to_json(value, wire.inline), ensure_ascii=False)
        texts.append(text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 3] + "...")
    return texts[0], texts[1]
