"""Function mode end to end in the real sandbox: the harness, hostile submissions, the autograd
check and the gradient check, plus the loader's errors for function-mode packages and the scaffold.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import numpy as np
import pytest
import yaml

from judge.pipeline import judge_report
from judge.problem_yaml import ProblemError
from judge.problemset import load_problem
from judge.scaffold import scaffold
from judge.validation import validate_problem
from tests.judge.sandbox_support import nothing_survives  # noqa: F401

SIGNATURE = "def grad_at(x: torch.Tensor) -> torch.Tensor"
GRAD_SPEC = {
    "id": "fn",
    "title": "Function mode",
    "section": 3,
    "limits": {"time_ms": 1000, "memory_mb": 128, "output_kb": 16},
    "mode": "function",
    "function": {"name": "grad_at", "signature": SIGNATURE},
    "requires": "autograd",
}
SOLUTION = """
import torch

def grad_at(x):
    (x**2 + 2 * x + 1).sum().backward()
    return x.grad
"""


def write_package(root: Path, spec: dict, tests: dict[str, object], solution: str) -> Path:
    """`tests`: file name in tests/ → JSON-able object (written as JSON) or ndarray (as .npy)."""
    root.mkdir()
    (root / "problem.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    signature = spec.get("function", {}).get("signature", "")
    (root / "statement.md").write_text(f"# Demo\n\n`{signature}`\n")
    (root / "solution.py").write_text(textwrap.dedent(solution))
    (root / "tests").mkdir()
    for name, content in tests.items():
        if isinstance(content, np.ndarray):
            np.save(root / "tests" / name, content)
        else:
            (root / "tests" / name).write_text(json.dumps(content))
    return root


def grad_tests() -> dict[str, object]:
    x = np.array([3.0, -1.0, 0.5, 2.0])
    return {
        "1.in": {"args": [{"tensor": "1.x.npy", "requires_grad": True}]},
        "1.x.npy": x,
        "1.ans": {"tensor": "1.g.npy"},
        "1.g.npy": 2 * x + 2,
    }


@pytest.fixture
def grad_problem(tmp_path):
    return load_problem(write_package(tmp_path / "fn", GRAD_SPEC, grad_tests(), SOLUTION))


def judged(problem, runner, source: str):
    report = judge_report(problem, textwrap.dedent(source), runner)
    case = report.tests[0]
    return case.verdict.value, case.message


def test_reference_is_accepted(grad_problem, runner):
    assert judged(grad_problem, runner, SOLUTION) == ("AC", "")


def test_prints_and_writes_to_fd_1_do_not_touch_the_result(grad_problem, runner):
    source = """
        import os, sys, torch
        print("hello")
        os.write(1, b"garbage on fd 1")
        sys.__stdout__.write("more")

        def grad_at(x):
            print("inside", x)
            os.system("echo from a shell")
            (x**2 + 2 * x + 1).sum().backward()
            return x.grad
    """
    assert judged(grad_problem, runner, source) == ("AC", "")


def test_writing_to_the_result_channel_is_a_wrong_answer(grad_problem, runner):
    source = """
        import os, torch

        def grad_at(x):
            (x**2 + 2 * x + 1).sum().backward()
            for fd in map(int, os.listdir("/proc/self/fd")):
                if fd >= 3:
                    try:
                        os.write(fd, b"I am the answer")
                    except OSError:
                        pass
            return x.grad
    """
    verdict, message = judged(grad_problem, runner, source)
    assert verdict == "WA"
    assert "could not be read" in message and "result channel" in message


def test_patching_json_numpy_and_torch_cannot_change_the_comparison(grad_problem, runner):
    source = """
        import json, numpy, torch
        numpy.allclose = lambda *a, **k: True
        numpy.array_equal = lambda *a, **k: True
        torch.allclose = lambda *a, **k: True
        torch.testing.assert_close = lambda *a, **k: None

        def grad_at(x):
            (x**2 + 2 * x + 1).sum().backward()
            return x.grad * 3
    """
    verdict, message = judged(grad_problem, runner, source)
    assert verdict == "WA" and "elements differ" in message
    forged_json = """
        import json, torch
        json.dumps = lambda *a, **k: '{"value": 1}'

        def grad_at(x):
            (x**2 + 2 * x + 1).sum().backward()
            return x.grad
    """
    verdict, message = judged(grad_problem, runner, forged_json)
    assert verdict == "WA" and "could not be read" in message


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ("return lambda: 1", "a function: return numbers"),
        ("return object()", "is a object"),
        ("return (i for i in range(3))", "a generator"),
        ("l = []; l.append(l); return l", "nested too deep"),
        ("return torch.zeros(100_000)", "larger than the limit of 15 KB"),
        ("return torch.zeros(2, dtype=torch.complex64)", "cannot be returned"),
        ("return torch.zeros(2).to_sparse()", "dense CPU tensor"),
        ("return {1: x}", "dict key 1 is not allowed"),
        ("return [2**64]", "return value[0]: integers beyond 64 bits"),
        ("return {'tensor': x}", "dict key 'tensor' is not allowed"),
        ("return [x.grad, set()]", "return value[1] is a set"),
        ("return None", "got None"),
        ("return x.grad.sum().item()", "expected a torch.Tensor of shape (4,), got the float"),
        ("return x.grad[:2]", "expected shape (4,), got (2,)"),
        ("return x.grad.long()", "expected a floating-point dtype, got int64"),
    ],
)
def test_return_values_that_are_wrong_or_not_data_are_wrong_answers(
    grad_problem, runner, body, fragment
):
    source = f"""
import torch

def grad_at(x):
    (x**2 + 2 * x + 1).sum().backward()
    {body}
"""
    verdict, message = judged(grad_problem, runner, source)
    assert verdict == "WA" and fragment in message, message


def test_raising_is_a_runtime_error_with_the_traceback(grad_problem, runner):
    source = """
        def grad_at(x):
            raise ValueError("my bug")
    """
    verdict, message = judged(grad_problem, runner, source)
    assert verdict == "RE" and "ValueError: my bug" in message and "submission.py" in message


def test_an_endless_loop_is_a_time_limit(grad_problem, runner):
    source = """
        def grad_at(x):
            while True:
                pass
    """
    assert judged(grad_problem, runner, source)[0] == "TLE"


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("import sys\nsys.exit(0)\n", "called sys.exit(0) while being imported"),
        ("import sys\ndef grad_at(x):\n    sys.exit(3)\n", "sys.exit(3) inside grad_at"),
        ("import os\ndef grad_at(x):\n    os._exit(0)\n", "ended without returning a value"),
        ("def other(x):\n    return x\n", "does not define grad_at"),
        ("grad_at = 3\n", "grad_at is a int, not a function"),
    ],
)
def test_exits_and_missing_functions_are_wrong_answers(grad_problem, runner, source, fragment):
    verdict, message = judged(grad_problem, runner, source)
    assert verdict == "WA" and fragment in message, message


def test_main_block_does_not_run_and_stdin_holds_nothing(grad_problem, runner):
    source = """
        import sys, torch

        def grad_at(x):
            assert sys.stdin.read() == ""
            (x**2 + 2 * x + 1).sum().backward()
            return x.grad

        if __name__ == "__main__":
            raise SystemExit("the main block ran")
    """
    assert judged(grad_problem, runner, source) == ("AC", "")


@pytest.mark.parametrize(
    ("body", "verdict"),
    [
        ("(x**2 + 2 * x + 1).sum().backward(); return x.grad", "AC"),
        ("(g,) = torch.autograd.grad((x**2 + 2 * x + 1).sum(), x); return g", "AC"),
        ("(x**2 + 2 * x + 1).sum().backward(); return x.grad.float()", "AC"),
        ("return 2 * x.detach() + 2", "WA"),
        ("return torch.tensor([2 * v + 2 for v in x.tolist()], dtype=torch.float64)", "WA"),
        (
            (
                "c = x.detach().clone().requires_grad_(); (c**2 + 2*c + 1).sum().backward(); "
                "return c.grad"
            ),
            "WA",
        ),
        ("(x * 0).sum().backward(); return 2 * x.detach() + 2", "WA"),
    ],
)
def test_requires_autograd(grad_problem, runner, body, verdict):
    source = f"import torch\n\ndef grad_at(x):\n    {body}\n"
    got, message = judged(grad_problem, runner, source)
    assert got == verdict, message
    if verdict == "WA":
        assert message.startswith("your answer did not come from autograd"), message


def test_without_requires_a_closed_form_is_accepted(tmp_path, runner):
    spec = {**GRAD_SPEC}
    del spec["requires"]
    problem = load_problem(write_package(tmp_path / "fn", spec, grad_tests(), SOLUTION))
    source = "def grad_at(x):\n    return 2 * x.detach() + 2\n"
    assert judged(problem, runner, source) == ("AC", "")


SIGMOID_SPEC = {
    **{k: v for k, v in GRAD_SPEC.items() if k != "requires"},
    "function": {
        "name": "MySigmoid",
        "signature": "class MySigmoid(torch.autograd.Function)",
        "call": "autograd-function",
    },
    "compare": {"rtol": 1e-7, "atol": 1e-10},
}
SIGMOID = """
import torch

class MySigmoid(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        s = torch.sigmoid(x)
        ctx.save_for_backward(s)
        return s

    @staticmethod
    def backward(ctx, grad_output):
        (s,) = ctx.saved_tensors
        return grad_output * BACKWARD
"""


@pytest.fixture
def sigmoid_problem(tmp_path):
    x, g = np.array([[0.0, 2.0], [-1.0, 5.0]]), np.array([[1.0, -1.0], [0.5, 2.0]])
    s = 1 / (1 + np.exp(-x))
    tests = {
        "1.in": {
            "args": [{"tensor": "1.x.npy", "requires_grad": True}],
            "grad_output": {"tensor": "1.g.npy"},
        },
        "1.x.npy": x,
        "1.g.npy": g,
        "1.ans": {"output": {"tensor": "1.s.npy"}, "grads": [{"tensor": "1.dx.npy"}]},
        "1.s.npy": s,
        "1.dx.npy": g * s * (1 - s),
    }
    solution = SIGMOID.replace("BACKWARD", "s * (1 - s)")
    return load_problem(write_package(tmp_path / "fn", SIGMOID_SPEC, tests, solution))


@pytest.mark.parametrize(
    ("backward", "verdict", "fragment"),
    [
        ("s * (1 - s)", "AC", ""),
        ("s", "WA", "return value['grads'][0]: 4 of 4 elements differ; first at index (0, 0)"),
        ("0 + None", "RE", "TypeError"),
    ],
)
def test_gradient_check_of_an_autograd_function(
    sigmoid_problem, runner, backward, verdict, fragment
):
    got, message = judged(sigmoid_problem, runner, SIGMOID.replace("BACKWARD", backward))
    assert got == verdict and fragment in message, message


def test_gradient_check_refuses_what_is_not_an_autograd_function(sigmoid_problem, runner):
    source = "import torch\n\ndef MySigmoid(x):\n    return torch.sigmoid(x)\n"
    verdict, message = judged(sigmoid_problem, runner, source)
    assert verdict == "WA"
    assert message.startswith("MySigmoid is a function, not a subclass of torch.autograd.Function")
    no_backward = """
        import torch

        class MySigmoid(torch.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return torch.sigmoid(x)

            @staticmethod
            def backward(ctx, grad_output):
                return None
    """
    verdict, message = judged(sigmoid_problem, runner, no_backward)
    assert verdict == "WA" and "return value['grads'][0]: expected a torch.Tensor" in message


def test_a_from_scratch_class_is_checked_through_a_function(tmp_path, runner):
    """The README's pattern for a Variable class: a function builds the graph, returns grads."""
    spec = {
        **{k: v for k, v in GRAD_SPEC.items() if k != "requires"},
        "function": {"name": "grads", "signature": "def grads(a: float, b: float) -> dict"},
    }
    tests = {"1.in": {"args": [2.0, 3.0]}, "1.ans": {"a": 7.0, "b": 2.0}}  # d(a*b + a*a): b + 2a, a
    solution = """
        class Variable:
            def __init__(self, value, parents=()):
                self.value, self.parents, self.grad = value, parents, 0.0

            def __add__(self, other):
                return Variable(self.value + other.value, ((self, 1.0), (other, 1.0)))

            def __mul__(self, other):
                pairs = ((self, other.value), (other, self.value))
                return Variable(self.value * other.value, pairs)

            def backward(self, grad=1.0):
                self.grad += grad
                for parent, local in self.parents:
                    parent.backward(grad * local)

        def grads(a, b):
            a, b = Variable(a), Variable(b)
            (a * b + a * a).backward()
            return {"a": a.grad, "b": b.grad}
    """
    problem = load_problem(write_package(tmp_path / "fn", spec, tests, solution))
    assert judged(problem, runner, solution) == ("AC", "")


def load_error(root: Path) -> str:
    with pytest.raises(ProblemError) as caught:
        load_problem(root)
    return str(caught.value)


@pytest.mark.parametrize(
    ("change", "where", "fragment"),
    [
        ({"function": None}, "problem.yaml: function: ", "required with mode: function"),
        ({"mode": "stdout"}, "problem.yaml: compare: ", "only with mode: function"),
        ({"checker": {"type": "exact"}}, "problem.yaml: checker: ", "not used with mode"),
        ({"mode": "text"}, "problem.yaml: mode: ", "'stdout' or 'function'"),
        ({"function": {"name": "1x", "signature": "s"}}, "problem.yaml: function.name: ", ""),
        ({"function": {"name": "f"}}, "problem.yaml: function.signature: ", "required"),
        ({"compare": {"rtol": -1}}, "problem.yaml: compare.rtol: ", "greater than or equal"),
        ({"requires": "magic"}, "problem.yaml: requires: ", "'autograd'"),
        (
            {"function": {"name": "f", "signature": SIGNATURE, "call": "autograd-function"}},
            "problem.yaml: requires: ",
            "only with call: function",
        ),
    ],
)
def test_loader_names_the_field(tmp_path, change, where, fragment):
    spec = {**GRAD_SPEC, "compare": {"rtol": 1e-5}, **change}
    spec = {k: v for k, v in spec.items() if v is not None}
    if change.get("mode") == "stdout":
        spec.pop("function")
        spec.pop("requires")
    message = load_error(write_package(tmp_path / "fn", spec, grad_tests(), SOLUTION))
    assert where in message and fragment in message, message


@pytest.mark.parametrize(
    ("tests_change", "where", "fragment"),
    [
        ({"1.in": "not json"}, "tests/1.in: ", "must be a JSON object"),
        ({"1.in": {"args": {}}}, "tests/1.in: ", "args: required, a list"),
        ({"1.in": {"args": [], "extra": 1}}, "tests/1.in: ", "extra: unknown key"),
        (
            {"1.in": {"args": [{"tensor": "nope.npy", "requires_grad": True}]}},
            "tests/1.in: ",
            "args[0].tensor: no file tests/nope.npy",
        ),
        (
            {"1.in": {"args": [{"tensor": "../x.npy", "requires_grad": True}]}},
            "tests/1.in: ",
            "is not a file name NAME.npy",
        ),
        ({"1.in": {"args": [{"tensor": "1.x.npy"}]}}, "tests/1.in: ", "requires_grad: true"),
        ({"1.ans": {"tensor": "gone.npy"}}, "tests/1.ans: ", "no file tests/gone.npy"),
        ({"1.g.npy": np.array(["text"])}, "tests/1.ans: ", "is not allowed"),
        ({"2.npy": np.zeros(2)}, "tests/2.npy: ", "not used by any test"),
        ({"1.in": {"args": [], "grad_output": 1}}, "tests/1.in: ", "grad_output: only with"),
    ],
)
def test_loader_names_the_test_file(tmp_path, tests_change, where, fragment):
    tests = {**grad_tests(), **tests_change}
    message = load_error(write_package(tmp_path / "fn", GRAD_SPEC, tests, SOLUTION))
    assert where in message and fragment in message, message


def test_bad_test_json_is_written_raw(tmp_path):
    root = write_package(tmp_path / "fn", GRAD_SPEC, grad_tests(), SOLUTION)
    (root / "tests" / "1.ans").write_text("{broken")
    assert "tests/1.ans: not valid JSON" in load_error(root)


def test_statement_must_show_the_signature(tmp_path):
    root = write_package(tmp_path / "fn", GRAD_SPEC, grad_tests(), SOLUTION)
    (root / "statement.md").write_text("# Demo\n\nNo signature here.\n")
    assert "statement.md: does not show the signature" in load_error(root)


def test_stdout_problems_do_not_accept_npy_files(make_package):
    root = make_package()
    np.save(root / "tests" / "x.npy", np.zeros(1))
    assert "unexpected file: tests/ holds only NAME.in and NAME.ans" in load_error(root)


def test_scaffold_function_mode_passes_the_check(tmp_path, runner):
    folder = scaffold(tmp_path, "fn-demo", mode="function")
    problem = load_problem(folder)
    assert problem.spec.mode == "function" and problem.spec.requires == "autograd"
    assert (folder / "make_tests.py").is_file() and list((folder / "tests").glob("*.npy"))
    assert validate_problem(problem, runner) == []
