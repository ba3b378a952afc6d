"""The data format of function mode: JSON values with arrays as `.npy`, in files and on the wire.

A *value* is JSON (null, bool, number, string, list, object with string keys) in which an object
holding the key ``"tensor"`` or ``"ndarray"`` is an array::

    {"tensor": "1.x.npy", "requires_grad": true}     # a .npy file beside the test (tests/1.x.npy)
    {"ndarray": [[1, 2], [3, 4]], "dtype": "int64"}  # inline nested lists; dtype is then required

Numbers may be ``NaN``, ``Infinity`` and ``-Infinity`` (as Python's json writes them).

One container carries a value and its arrays across a process boundary (the test's arguments into
the sandbox, the return value out of it): ``MAGIC``, the header's length (8 bytes, big-endian),
the header (UTF-8 JSON with ``"blobs": [[name, length], ...]``), then the blobs in that order.
Arrays are read with numpy's `.npy` header parser and never with pickle; sizes and dtypes are
checked before anything is allocated. This module runs on both sides: in the judge (which trusts
nothing it reads) and in the sandbox child (whose output the judge checks again).
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

MAGIC = b"MLJV1\n"
ARRAY_KINDS = ("tensor", "ndarray")
ARRAY_KEYS = {"tensor": {"tensor", "requires_grad", "dtype"}, "ndarray": {"ndarray", "dtype"}}
DTYPES = (
    "bool",
    "uint8",
    "int8",
    "int16",
    "int32",
    "int64",
    "float16",
    "float32",
    "float64",
)
MAX_DEPTH = 32
MAX_NODES = 100_000
MAX_DIMS = 32


class WireError(ValueError):
    """A value or container that does not follow the format; `str()` says where and why."""


@dataclass(frozen=True, eq=False)
class Array:
    """A decoded array: `kind` says whether it is (or must be) a torch tensor or a numpy array."""

    kind: str
    data: np.ndarray
    requires_grad: bool = False


def _where(path: str) -> str:
    return path or "the value"


def _check_dtype(dtype: np.dtype, path: str) -> None:
    if dtype.hasobject or dtype.fields is not None or dtype.name not in DTYPES:
        allowed = ", ".join(DTYPES)
        raise WireError(f"{_where(path)}: dtype {dtype.str!r} is not allowed (use {allowed})")


def read_npy(data: bytes, path: str = "") -> np.ndarray:
    """An array from `.npy` bytes: the header is parsed and checked before any allocation."""
    stream = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(stream)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(stream)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(stream)
        else:
            raise WireError(f"{_where(path)}: .npy version {version} is not supported")
    except (ValueError, OSError, SyntaxError, TypeError) as exc:
        raise WireError(f"{_where(path)}: not a .npy array ({exc})") from None
    _check_dtype(dtype, path)
    if len(shape) > MAX_DIMS or any(not isinstance(n, int) or n < 0 for n in shape):
        raise WireError(f"{_where(path)}: bad shape {shape!r}")
    count = math.prod(shape)
    offset = stream.tell()
    if count * dtype.itemsize != len(data) - offset:
        raise WireError(
            f"{_where(path)}: the .npy header promises {count * dtype.itemsize} bytes of data, "
            f"the file holds {len(data) - offset}"
        )
    flat = np.frombuffer(data, dtype=dtype, count=count, offset=offset)
    return flat.reshape(shape, order="F" if fortran else "C").copy()


def npy_bytes(array: np.ndarray) -> bytes:
    stream = io.BytesIO()
    np.lib.format.write_array(stream, np.asarray(array), allow_pickle=False)
    return stream.getvalue()


def _inline_array(kind: str, node: dict, path: str) -> np.ndarray:
    dtype_name = node.get("dtype")
    if dtype_name not in DTYPES:
        raise WireError(
            f"{_where(path)}.dtype: an inline {kind} needs a dtype, one of {', '.join(DTYPES)}"
        )
    try:
        array = np.array(node[kind], dtype=dtype_name)
    except (ValueError, TypeError, OverflowError) as exc:
        raise WireError(
            f"{_where(path)}.{kind}: not a rectangular array of numbers ({exc})"
        ) from None
    if array.dtype.hasobject:
        raise WireError(f"{_where(path)}.{kind}: not a rectangular array of numbers")
    return array


def decode(node: object, blob: Callable[[str, str], bytes], path: str = "") -> object:
    """Turn JSON (as json.loads gives it) into Python values and `Array`s.

    `blob(name, path)` returns the `.npy` bytes an array names, or raises WireError.
    """
    count = [0]

    def walk(node: object, path: str, depth: int) -> object:
        count[0] += 1
        if count[0] > MAX_NODES:
            raise WireError(f"{_where(path)}: more than {MAX_NODES} values")
        if depth > MAX_DEPTH:
            raise WireError(f"{_where(path)}: nested more than {MAX_DEPTH} deep")
        if node is None or isinstance(node, (bool, int, float, str)):
            return node
        if isinstance(node, list):
            return [walk(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node)]
        if not isinstance(node, dict):
            raise WireError(f"{_where(path)}: {type(node).__name__} is not a JSON value")
        kinds = [k for k in ARRAY_KINDS if k in node]
        if not kinds:
            return {key: walk(item, f"{path}[{key!r}]", depth + 1) for key, item in node.items()}
        kind = kinds[0]
        extra = sorted(set(node) - ARRAY_KEYS[kind])
        if extra:
            raise WireError(f"{_where(path)}: unexpected key {extra[0]!r} in a {kind}")
        requires_grad = node.get("requires_grad", False)
        if not isinstance(requires_grad, bool):
            raise WireError(f"{_where(path)}.requires_grad: must be true or false")
        source = node[kind]
        if isinstance(source, str):
            if "dtype" in node:
                raise WireError(f"{_where(path)}.dtype: the dtype of a .npy file is its own")
            data = read_npy(blob(source, f"{path}.{kind}" if path else kind), path)
        elif isinstance(source, (list, int, float, bool)):
            data = _inline_array(kind, node, path)
        else:
            raise WireError(f"{_where(path)}.{kind}: a .npy file name or nested lists of numbers")
        if requires_grad and data.dtype.kind != "f":
            raise WireError(f"{_where(path)}.requires_grad: only a float tensor can require grad")
        return Array(kind, data, requires_grad)

    return walk(node, path, 0)


def leaves(value: object) -> Iterator[object]:
    """The non-container values of a decoded value, depth first (lists, tuples, dict values)."""
    if isinstance(value, (list, tuple)):
        for item in value:
            yield from leaves(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    else:
        yield value


def _json_number(text: str) -> float:
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[text]


def loads(text: str | bytes) -> object:
    try:
        return json.loads(text, parse_constant=_json_number)
    except RecursionError:
        raise WireError(f"JSON nested more than {MAX_DEPTH} deep") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise WireError(f"not valid JSON: {exc}") from None


def pack(header: dict, blobs: dict[str, bytes]) -> bytes:
    """One container: `header` (JSON-safe) plus named blobs."""
    header = {**header, "blobs": [[name, len(data)] for name, data in blobs.items()]}
    text = json.dumps(header, allow_nan=True, separators=(",", ":")).encode()
    return b"".join([MAGIC, len(text).to_bytes(8, "big"), text, *blobs.values()])


def unpack(data: bytes) -> tuple[dict, dict[str, bytes]]:
    """The header and blobs of a container; WireError when the bytes are not one."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 8:
        raise WireError("it does not start with the judge's header")
    start = len(MAGIC) + 8
    length = int.from_bytes(data[len(MAGIC) : start], "big")
    if length > len(data) - start:
        raise WireError("the header is cut short")
    header = loads(data[start : start + length])
    if not isinstance(header, dict) or not isinstance(header.get("blobs"), list):
        raise WireError("the header is not a container's header")
    listed = header["blobs"]
    blobs: dict[str, bytes] = {}
    offset = start + length
    for entry in listed:
        if (
            not isinstance(entry, list)
            or len(entry) != 2
            or not isinstance(entry[0], str)
            or not isinstance(entry[1], int)
            or isinstance(entry[1], bool)
            or entry[1] < 0
            or entry[0] in blobs
        ):
            raise WireError("the header lists a blob wrongly")
        if offset + entry[1] > len(data):
            raise WireError("a blob is cut short")
        blobs[entry[0]] = data[offset : offset + entry[1]]
        offset += entry[1]
    if offset != len(data):
        raise WireError(f"{len(data) - offset} bytes follow the last blob")
    return header, blobs


def blob_getter(blobs: dict[str, bytes]) -> Callable[[str, str], bytes]:
    def get(name: str, path: str) -> bytes:
        if name not in blobs:
            raise WireError(f"{path}: no array named {name!r} in the container")
        return blobs[name]

    return get


def to_json(value: object, keep: Callable[[Array], object]) -> object:
    """The JSON form of a decoded value; `keep(array)` gives each array's JSON."""
    if isinstance(value, Array):
        return keep(value)
    if isinstance(value, list):
        return [to_json(item, keep) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item, keep) for key, item in value.items()}
    return value


def inline(array: Array) -> dict:
    """An array written out in full (for showing a sample)."""
    node: dict[str, object] = {array.kind: array.data.tolist(), "dtype": array.data.dtype.name}
    if array.requires_grad:
        node["requires_grad"] = True
    return node
