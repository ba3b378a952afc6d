"""Function mode's checker: a returned value against the expected one, assert_close style.

Both values are decoded data (judge/wire.py): None, bool, int, float, str, lists, dicts of string
keys, and `Array`s. The rules follow `torch.testing.assert_close`, with the dtype compared by kind:

- the same structure: a list (a returned tuple arrives as a list) of the same length, a dict with
  the same keys, a tensor where a tensor is expected and a numpy array where an array is;
- numbers and arrays of the same kind: bool, integer (exact) or floating point (float16/32/64
  compare with each other);
- arrays of exactly the same shape: nothing is broadcast;
- floats close when |got − expected| ≤ atol + rtol·|expected|; an infinity only equals itself;
  NaN equals NaN only with `equal_nan`; -0.0 equals 0.0.

Messages name where in the value the first difference is and, for arrays, the first bad index and
the largest absolute and relative errors.
"""

from __future__ import annotations

import math

import numpy as np

from judge.spec import CompareSpec
from judge.verdict import CheckResult
from judge.wire import Array

ROOT = "return value"
KIND_NAMES = {"b": "bool", "i": "integer", "u": "integer", "f": "floating-point"}


class Mismatch(Exception):
    pass


def _describe(value: object) -> str:
    if isinstance(value, Array):
        what = "torch.Tensor" if value.kind == "tensor" else "numpy.ndarray"
        return f"a {what} of shape {tuple(value.data.shape)} and dtype {value.data.dtype}"
    if value is None:
        return "None"
    if isinstance(value, bool):
        return f"the bool {value}"
    if isinstance(value, int):
        return f"the int {value}" if abs(value) < 10**20 else "an int"
    if isinstance(value, float):
        return f"the float {value!r}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return f"a list or tuple of {len(value)}"
    return "a dict" if isinstance(value, dict) else type(value).__name__


def _expected_name(value: object) -> str:
    if isinstance(value, Array):
        what = "torch.Tensor" if value.kind == "tensor" else "numpy.ndarray"
        return f"a {what} of shape {tuple(value.data.shape)}"
    if isinstance(value, bool):
        return "a bool"
    if isinstance(value, int):
        return "an int"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return f"a list or tuple of {len(value)} values"
    return "a dict" if isinstance(value, dict) else "None"


def _type_key(value: object) -> str:
    if isinstance(value, Array):
        return value.kind
    for key, kind in ((bool, "bool"), (int, "int"), (float, "float"), (str, "str")):
        if isinstance(value, key):
            return kind
    return "list" if isinstance(value, list) else "dict" if isinstance(value, dict) else "none"


def _hint(expected: object, got: object) -> str:
    if got is None:
        return " (did your function print its answer instead of returning it?)"
    if isinstance(expected, (int, float)) and isinstance(got, Array) and got.data.ndim == 0:
        return " (use .item() to return a number)"
    if isinstance(expected, Array) and isinstance(got, list):
        return " (return the tensor itself, not .tolist())" if expected.kind == "tensor" else ""
    if isinstance(expected, float) and isinstance(got, int) and not isinstance(got, bool):
        return " (return a float such as 3.0)"
    if isinstance(expected, Array) and isinstance(got, Array):
        return " (use torch.from_numpy)" if expected.kind == "tensor" else " (use .numpy())"
    return ""


def _close_floats(got: np.ndarray, want: np.ndarray, spec: CompareSpec) -> np.ndarray:
    with np.errstate(invalid="ignore", over="ignore"):
        finite = np.isfinite(got) & np.isfinite(want)
        close = np.where(
            finite, np.abs(got - want) <= spec.atol + spec.rtol * np.abs(want), got == want
        )
    if spec.equal_nan:
        close |= np.isnan(got) & np.isnan(want)
    return close


def _index(flat: int, shape: tuple[int, ...]) -> str:
    return str(tuple(int(i) for i in np.unravel_index(flat, shape))) if shape else "()"


def _compare_arrays(where: str, want: Array, got: Array, spec: CompareSpec) -> None:
    if want.kind != got.kind:
        raise Mismatch(
            f"{where}: expected {_expected_name(want)}, got {_describe(got)}{_hint(want, got)}"
        )
    w, g = want.data, got.data
    if w.shape != g.shape:
        raise Mismatch(
            f"{where}: expected shape {tuple(w.shape)}, got {tuple(g.shape)} (shapes must be "
            "equal; nothing is broadcast)"
        )
    kind_w, kind_g = KIND_NAMES[w.dtype.kind], KIND_NAMES[g.dtype.kind]
    if kind_w != kind_g:
        raise Mismatch(f"{where}: expected a {kind_w} dtype, got {g.dtype}")
    if kind_w == "floating-point":
        w64, g64 = w.astype(np.float64), g.astype(np.float64)
        close = _close_floats(g64, w64, spec)
    else:
        close = w == g
    if close.all():
        return
    bad = np.flatnonzero(~close.reshape(-1))
    first = int(bad[0])
    shape = tuple(w.shape)
    text = (
        f"{where}: {len(bad)} of {w.size} elements differ; first at index {_index(first, shape)}: "
        f"expected {w.reshape(-1)[first].item()!r}, got {g.reshape(-1)[first].item()!r}"
    )
    if kind_w == "floating-point":
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            abs_err = np.abs(g64 - w64).reshape(-1)
            rel_err = abs_err / np.abs(w64).reshape(-1)
        abs_err, rel_err = np.nan_to_num(abs_err, nan=np.inf), np.nan_to_num(rel_err, nan=np.inf)
        worst_abs, worst_rel = int(np.argmax(abs_err)), int(np.argmax(rel_err))
        text += (
            f"; greatest absolute error {abs_err[worst_abs]:.3g} at {_index(worst_abs, shape)} "
            f"(allowed {spec.atol:g} + {spec.rtol:g} × |expected|), greatest relative error "
            f"{rel_err[worst_rel]:.3g} at {_index(worst_rel, shape)}"
        )
        if not spec.equal_nan and np.isnan(g64).any():
            text += "; NaN never matches"
    raise Mismatch(text)


def _compare_floats(where: str, want: float, got: float, spec: CompareSpec) -> None:
    close = _close_floats(np.array(got), np.array(want), spec)
    if bool(close):
        return
    if math.isnan(got) and not spec.equal_nan:
        raise Mismatch(f"{where}: got nan, which never matches")
    error = abs(got - want) if math.isfinite(got) and math.isfinite(want) else math.inf
    raise Mismatch(
        f"{where}: expected {want!r}, got {got!r} (absolute error {error:.3g} > allowed "
        f"{spec.atol:g} + {spec.rtol:g} × |expected|)"
    )


def _compare(where: str, want: object, got: object, spec: CompareSpec) -> None:
    key = _type_key(want)
    if key != _type_key(got):
        raise Mismatch(
            f"{where}: expected {_expected_name(want)}, got {_describe(got)}{_hint(want, got)}"
        )
    # Both have the same _type_key, so each isinstance pair below is true for both or neither.
    if isinstance(want, Array) and isinstance(got, Array):
        _compare_arrays(where, want, got, spec)
    elif isinstance(want, float) and isinstance(got, float):
        _compare_floats(where, want, got, spec)
    elif isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            raise Mismatch(
                f"{where}: expected a list or tuple of {len(want)} values, got {len(got)}"
            )
        for index, (w, g) in enumerate(zip(want, got, strict=True)):
            _compare(f"{where}[{index}]", w, g, spec)
    elif isinstance(want, dict) and isinstance(got, dict):
        missing = [k for k in want if k not in got]
        if missing:
            raise Mismatch(f"{where}: the key {missing[0]!r} is missing")
        extra = [k for k in got if k not in want]
        if extra:
            raise Mismatch(f"{where}: unexpected key {extra[0][:40]!r}")
        for name, item in want.items():
            _compare(f"{where}[{name!r}]", item, got[name], spec)
    elif want != got:
        if key == "str":
            raise Mismatch(f"{where}: the string differs from the expected one")
        raise Mismatch(f"{where}: expected {want!r}, got {_describe(got)}")


def check_value(expected: object, got: object, spec: CompareSpec) -> CheckResult:
    """CheckResult of one test: passed with score 1, or failed with a message saying where."""
    try:
        _compare(ROOT, expected, got, spec)
    except Mismatch as exc:
        return CheckResult.fail(str(exc))
    return CheckResult.ok()
