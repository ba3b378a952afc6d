"""judge/wire.py: the value format read by the judge, which trusts none of the bytes it reads."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest

from judge import wire


def npy(array) -> bytes:
    return wire.npy_bytes(np.asarray(array))


def decode(node, blobs=None):
    return wire.decode(node, wire.blob_getter(blobs or {}))


def test_npy_round_trip_keeps_dtype_shape_and_order():
    for array in (
        np.arange(6.0).reshape(2, 3),
        np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3)),
        np.array(3.5),
        np.zeros((0, 4), dtype=np.float32),
        np.array([True, False]),
    ):
        back = wire.read_npy(npy(array))
        assert back.dtype == array.dtype and back.shape == array.shape
        assert np.array_equal(back, array)


def test_npy_refuses_pickled_objects_and_other_dtypes():
    stream = io.BytesIO()
    np.save(stream, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(wire.WireError, match="dtype '\\|O' is not allowed"):
        wire.read_npy(stream.getvalue())
    for array in (np.array([1 + 2j]), np.array(["text"]), np.zeros(2, dtype=[("a", "f8")])):
        with pytest.raises(wire.WireError, match="is not allowed"):
            wire.read_npy(npy(array))


def test_npy_header_must_match_the_data_before_allocating():
    good = npy(np.zeros(4))
    with pytest.raises(wire.WireError, match="promises 32 bytes"):
        wire.read_npy(good[:-1])
    with pytest.raises(wire.WireError, match="promises 32 bytes"):
        wire.read_npy(good + b"\0")
    header = np.lib.format.header_data_from_array_1_0(np.zeros(4))
    header["shape"] = (1 << 40,)
    stream = io.BytesIO()
    np.lib.format.write_array_header_1_0(stream, header)
    with pytest.raises(wire.WireError, match="promises"):
        wire.read_npy(stream.getvalue() + b"\0" * 32)
    for junk in (b"", b"not npy", b"\x93NUMPY\x01\x00\xff\xff{garbage"):
        with pytest.raises(wire.WireError, match=r"not a \.npy array"):
            wire.read_npy(junk)


def test_decode_plain_values_and_arrays():
    value = decode(
        {
            "a": [1, 2.5, True, None, "s"],
            "x": {"tensor": "x", "requires_grad": True},
            "y": {"ndarray": [[1, 2], [3, 4]], "dtype": "int64"},
        },
        {"x": npy(np.arange(3.0))},
    )
    assert value["a"] == [1, 2.5, True, None, "s"]
    assert value["x"].kind == "tensor" and value["x"].requires_grad
    assert value["x"].data.tolist() == [0.0, 1.0, 2.0]
    assert value["y"].kind == "ndarray" and value["y"].data.dtype == np.int64


@pytest.mark.parametrize(
    ("node", "message"),
    [
        ({"tensor": [1.0]}, "dtype: an inline tensor needs a dtype"),
        ({"tensor": [[1.0], [2.0, 3.0]], "dtype": "float64"}, "not a rectangular array"),
        ({"tensor": "missing"}, "no array named 'missing'"),
        ({"tensor": [1], "dtype": "int64", "requires_grad": True}, "only a float tensor"),
        ({"tensor": [1.0], "dtype": "float64", "requires_grad": 1}, "must be true or false"),
        ({"tensor": [1.0], "dtype": "float64", "shape": [1]}, "unexpected key 'shape'"),
        ({"ndarray": [1.0], "dtype": "float64", "requires_grad": True}, "unexpected key"),
        ({"tensor": [1.0], "dtype": "complex128"}, "needs a dtype"),
        ({"tensor": {"a": 1}}, "a .npy file name or nested lists"),
    ],
)
def test_decode_errors_say_where_and_why(node, message):
    with pytest.raises(wire.WireError, match=message):
        decode({"args": [node]})


def test_decode_bounds_depth_and_size():
    deep: list = []
    for _ in range(wire.MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(wire.WireError, match="nested more than"):
        decode(deep)
    with pytest.raises(wire.WireError, match="more than 100000 values"):
        decode([0] * (wire.MAX_NODES + 1))


def test_loads_accepts_nan_and_infinity_and_refuses_junk():
    assert np.isnan(wire.loads("NaN")) and wire.loads("[Infinity, -Infinity]") == [
        float("inf"),
        float("-inf"),
    ]
    with pytest.raises(wire.WireError, match="not valid JSON"):
        wire.loads("{")
    with pytest.raises(wire.WireError):
        wire.loads("[" * 100_000 + "]" * 100_000)
    with pytest.raises(wire.WireError):
        wire.loads("1" * 10_000)  # beyond Python's int digit limit
    with pytest.raises(wire.WireError):
        wire.loads(b"\xff\xfe")


def test_container_round_trip():
    data = wire.pack({"value": [1, {"tensor": "0"}]}, {"0": npy(np.ones(2))})
    header, blobs = wire.unpack(data)
    assert header["value"] == [1, {"tensor": "0"}]
    assert wire.read_npy(blobs["0"]).tolist() == [1.0, 1.0]


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda d: b"garbage" + d, "does not start"),
        (lambda d: d[:10], "does not start|cut short"),
        (lambda d: d[:-1], "cut short"),
        (lambda d: d + b"x", "1 bytes follow"),
        (lambda d: d[:6] + (1 << 60).to_bytes(8, "big") + d[14:], "cut short"),
    ],
)
def test_container_malformed(mangle, message):
    data = wire.pack({"value": 1}, {"0": b"abcd"})
    with pytest.raises(wire.WireError, match=message):
        wire.unpack(mangle(data))


@pytest.mark.parametrize(
    "blobs",
    [None, "x", [["a"]], [["a", -1]], [["a", True]], [[1, 2]], [["a", 0], ["a", 0]]],
)
def test_container_with_a_bad_blob_list(blobs):
    text = json.dumps({"value": 1, "blobs": blobs}).encode()
    with pytest.raises(wire.WireError):
        wire.unpack(wire.MAGIC + len(text).to_bytes(8, "big") + text)
