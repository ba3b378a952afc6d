"""Function mode in the sandbox child: import the submission, call its function, return data.

Runs in the confined child instead of `zygote.run_submission`. Standard input holds one container
(see judge/wire.py) that the judge built from the test's files: the function's name, how to call
it, the arguments, and the size limit of the result; never the expected answer.

The result goes back on a private duplicate of the original fd 1; fd 1 itself and `sys.stdout`
are pointed at stderr before the submission is imported, so its prints (and C-level writes)
cannot corrupt the result. A submission that finds the private descriptor and writes to it only
breaks its own result, which the judge then rejects as "not a result" (WA).

The autograd check (`requires: autograd`) runs here, in the submission's own process, so a
determined submission can defeat it: it is a teaching check, not a security boundary. The
security boundary is that answers never enter the sandbox; the comparison happens in the judge.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import traceback
import types
from typing import TYPE_CHECKING, Any, NoReturn, cast

import numpy as np

from judge import wire

if TYPE_CHECKING:
    import torch

RESULT_FD_MIN = 64
AUTOGRAD_MESSAGE = (
    "your answer did not come from autograd: call backward() or torch.autograd.grad on a result "
    "computed from {names} (the given tensor, which already has requires_grad=True; do not detach "
    "or copy it) and return the gradient it gives"
)


class NotData(Exception):
    """The return value cannot be sent as data; the message is for the student."""


def _type_name(value: object) -> str:
    kind = type(value)
    if isinstance(value, types.FunctionType):
        return "a function"
    module = kind.__module__
    return f"a {kind.__qualname__}" if module == "builtins" else f"a {module}.{kind.__qualname__}"


def _to_torch(array: wire.Array) -> np.ndarray | torch.Tensor:
    import torch

    if array.kind == "ndarray":
        return array.data
    tensor = torch.from_numpy(array.data)
    return tensor.requires_grad_(True) if array.requires_grad else tensor


def build(node: object, blobs: dict[str, bytes]) -> object:
    value = wire.decode(node, wire.blob_getter(blobs))
    return _convert(value)


def _convert(value: object) -> object:
    if isinstance(value, wire.Array):
        return _to_torch(value)
    if isinstance(value, list):
        return [_convert(item) for item in value]
    if isinstance(value, dict):
        return {key: _convert(item) for key, item in value.items()}
    return value


class Encoder:
    """A return value as JSON + `.npy` blobs, refusing anything that is not plain data."""

    def __init__(self, limit_bytes: int) -> None:
        self.blobs: dict[str, bytes] = {}
        self.limit = limit_bytes
        self.size = 0
        self.nodes = 0

    def _grow(self, size: int) -> None:
        self.size += size
        if self.size > self.limit:
            raise NotData(
                f"your return value is larger than the limit of {self.limit // 1024} KB "
                "(limits.output_kb)"
            )

    def _array(self, kind: str, array: np.ndarray, where: str) -> dict:
        if array.dtype.name not in wire.DTYPES:
            raise NotData(f"{where}: arrays of dtype {array.dtype} cannot be returned")
        self._grow(array.nbytes + 128)
        name = str(len(self.blobs))
        self.blobs[name] = wire.npy_bytes(array)
        return {kind: name}

    def encode(self, value: object, where: str = "the return value", depth: int = 0) -> object:
        import torch

        self.nodes += 1
        if depth > wire.MAX_DEPTH or self.nodes > wire.MAX_NODES:
            raise NotData(f"{where}: nested too deep or too many values (a cycle?)")
        if value is None or isinstance(value, (bool, str)):
            self._grow(len(value) if isinstance(value, str) else 8)
            return value
        if isinstance(value, int):
            if not -(2**63) <= value < 2**63:
                raise NotData(f"{where}: integers beyond 64 bits cannot be returned")
            self._grow(24)
            return int(value)
        if isinstance(value, float):
            self._grow(24)
            return float(value)
        if isinstance(value, np.generic) and value.dtype.kind in "biuf":
            return self.encode(value.item(), where, depth)
        if isinstance(value, (list, tuple)):
            return [self.encode(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
        if isinstance(value, dict):
            node = {}
            for key, item in value.items():
                if not isinstance(key, str) or key in wire.ARRAY_KINDS:
                    raise NotData(
                        f"{where}: dict key {key!r} is not allowed (use strings other "
                        f"than {' or '.join(map(repr, wire.ARRAY_KINDS))})"
                    )
                self._grow(len(key) + 8)
                node[key] = self.encode(item, f"{where}[{key!r}]", depth + 1)
            return node
        if isinstance(value, np.ndarray):
            return self._array("ndarray", value, where)
        if isinstance(value, torch.Tensor):
            if value.layout is not torch.strided or value.device.type != "cpu":
                raise NotData(
                    f"{where}: return a dense CPU tensor (got {value.layout}, {value.device})"
                )
            if value.is_complex() or value.is_quantized:
                raise NotData(f"{where}: tensors of dtype {value.dtype} cannot be returned")
            tensor = value.detach()
            if tensor.dtype == torch.bfloat16:
                tensor = tensor.float()
            return self._array("tensor", tensor.resolve_conj().numpy(), where)
        raise NotData(
            f"{where} is {_type_name(value)}: return numbers, strings, lists, tuples, dicts, "
            "numpy arrays or torch tensors"
        )


def _float_leaf(value: object) -> torch.Tensor | None:
    """A returned floating-point leaf as a flat float64 tensor, or None for other leaves."""
    import torch

    if isinstance(value, torch.Tensor) and value.is_floating_point():
        return value.detach().to(torch.float64).reshape(-1)
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return torch.from_numpy(value.astype(np.float64)).reshape(-1)
    if isinstance(value, (float, np.floating)):
        return torch.tensor([float(value)], dtype=torch.float64)
    return None


class GradientWatch:
    """Records every gradient autograd delivers to the tensors given with requires_grad."""

    def __init__(self, arguments: object) -> None:
        import torch

        self.inputs = [
            t for t in wire.leaves(arguments) if isinstance(t, torch.Tensor) and t.requires_grad
        ]
        self.seen: list[list[torch.Tensor]] = [[] for _ in self.inputs]
        for index, tensor in enumerate(self.inputs):
            tensor.register_hook(lambda grad, index=index: self._record(index, grad))

    def _record(self, index: int, grad: torch.Tensor) -> None:
        self.seen[index].append(grad.detach().clone())

    def problem(self, returned: object) -> str | None:
        """None when every floating-point leaf returned is a gradient autograd delivered."""
        import torch

        candidates = []
        for grads in self.seen:
            candidates += [g.to(torch.float64).reshape(-1) for g in grads]
            if len(grads) > 1:  # .grad accumulates over several backward() calls
                candidates.append(torch.stack(grads).sum(0).to(torch.float64).reshape(-1))
        leaves = [leaf for leaf in map(_float_leaf, wire.leaves(returned)) if leaf is not None]
        for leaf in leaves:
            if not any(
                c.numel() == leaf.numel() and torch.allclose(leaf, c, rtol=1e-5, atol=1e-8)
                for c in candidates
            ):
                return AUTOGRAD_MESSAGE.format(
                    names="the input" if len(self.inputs) == 1 else "the inputs"
                )
        return None


def _call_autograd_function(
    name: str, target: object, args: list[Any], grad_output: object
) -> dict[str, Any]:
    import torch

    if not (isinstance(target, type) and issubclass(target, torch.autograd.Function)):
        raise NotData(
            f"{name} is {_type_name(target)}, not a subclass of torch.autograd.Function: define "
            f"class {name}(torch.autograd.Function) with static methods forward and backward"
        )
    output = target.apply(*args)
    outputs = list(output) if isinstance(output, (tuple, list)) else [output]
    # the test's upstream gradients: one tensor per output, a list of them for several outputs
    upstream = cast(
        "list[torch.Tensor]",
        grad_output
        if isinstance(output, (tuple, list)) and isinstance(grad_output, list)
        else [grad_output],
    )
    inputs = [a for a in wire.leaves(args) if isinstance(a, torch.Tensor) and a.requires_grad]
    if len(upstream) != len(outputs):
        raise NotData(
            f"apply returned {len(outputs)} outputs, the test has {len(upstream)} "
            "upstream gradients"
        )
    for index, out in enumerate(outputs):
        if not isinstance(out, torch.Tensor) or out.grad_fn is None:
            raise NotData(f"output {index} of apply is not a tensor that autograd can follow")
    grads = torch.autograd.grad(outputs, inputs, upstream, allow_unused=True)
    return {"output": output, "grads": list(grads)}


def _send(fd: int, header: dict, blobs: dict[str, bytes]) -> None:
    data = memoryview(wire.pack(header, blobs))
    while data:
        data = data[os.write(fd, data) :]


def _fail(fd: int, message: str) -> NoReturn:
    _send(fd, {"error": message[:2000]}, {})
    os._exit(0)


def run_function(source_fd: int) -> None:
    """In the confined child: never returns."""
    with os.fdopen(source_fd, "rb") as handle:
        source = handle.read()
    with open(0, "rb", closefd=False) as handle:
        request, blobs = wire.unpack(handle.read())
    # Decoded before any submission code runs, so it cannot change how its arguments are built.
    args = build(request["args"], blobs)
    kwargs = build(request.get("kwargs", {}), blobs)
    grad_output = build(request["grad_output"], blobs) if "grad_output" in request else None
    # judge.functions.read_call let only a list of args and a dict of kwargs into the request
    assert isinstance(args, list) and isinstance(kwargs, dict)
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    result_fd = fcntl.fcntl(1, fcntl.F_DUPFD_CLOEXEC, RESULT_FD_MIN)
    os.dup2(2, 1)
    sys.stdin = open(0, encoding="utf-8", closefd=False)
    sys.stderr = open(
        2, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1
    )
    sys.stdout = sys.stderr
    sys.argv = ["submission.py"]
    name, call = request["function"], request["call"]
    watch = GradientWatch([args, kwargs]) if request.get("requires") == "autograd" else None

    module = types.ModuleType("submission")
    module.__file__ = "/tmp/submission.py"
    sys.modules["submission"] = module
    stage = "while being imported"
    try:
        exec(compile(source, "submission.py", "exec"), module.__dict__)
        target = module.__dict__.get(name)
        if target is None:
            _fail(
                result_fd,
                f"your program does not define {name}; define it at the top level "
                "(it is imported, not run: code under if __name__ == '__main__' is skipped)",
            )
        stage = f"inside {name}"
        if call == "autograd-function":
            returned = _call_autograd_function(name, target, args, grad_output)
        else:
            if not callable(target):
                _fail(result_fd, f"{name} is {_type_name(target)}, not a function")
            returned = target(*args, **kwargs)
        encoder = Encoder(int(request["result_limit"]))
        value = encoder.encode(returned)
        autograd = watch.problem(returned) if watch is not None else None
    except NotData as exc:
        _fail(result_fd, str(exc))
    except SystemExit as exc:
        _fail(
            result_fd,
            f"your program called sys.exit({exc.code!r}) {stage}; a function-mode "
            "submission defines the function and returns the answer, it does not exit",
        )
    except BaseException as exc:  # noqa: BLE001 - the student's error, shown as Python would
        tb = exc.__traceback__.tb_next if exc.__traceback__ else None
        traceback.print_exception(type(exc), exc, tb if tb is not None else exc.__traceback__)
        try:
            sys.stderr.flush()
        finally:
            os._exit(1)
    _send(result_fd, {"value": value, "autograd": autograd}, encoder.blobs)
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(0)
