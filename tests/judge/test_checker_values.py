"""judge/checkers/values.py: returned values against expected ones, assert_close style."""

from __future__ import annotations

import math

import numpy as np
import pytest

from judge.checkers.values import check_value
from judge.spec import CompareSpec
from judge.wire import Array

SPEC = CompareSpec(rtol=1e-5, atol=1e-8)


def t(values, dtype="float64") -> Array:
    return Array("tensor", np.array(values, dtype=dtype))


def nd(values, dtype="float64") -> Array:
    return Array("ndarray", np.array(values, dtype=dtype))


def fails(expected, got, spec=SPEC) -> str:
    result = check_value(expected, got, spec)
    assert not result.passed and result.score == 0.0
    return result.message


def passes(expected, got, spec=SPEC) -> None:
    result = check_value(expected, got, spec)
    assert result.passed and result.score == 1.0, result.message


def test_equal_tensors_pass_and_float32_compares_with_float64():
    passes(t([1.0, 2.0]), t([1.0, 2.0]))
    passes(t([1.0, 2.0]), t([1.0, 2.0000001], "float32"))


def test_tolerance_is_atol_plus_rtol_times_expected():
    passes(t([100.0]), t([100.0 + 100 * 1e-5]))
    message = fails(t([100.0, 1.0, 2.0]), t([100.0, 1.5, 2.0]))
    assert message.startswith("return value: 1 of 3 elements differ; first at index (1,)")
    assert "expected 1.0, got 1.5" in message
    assert "greatest absolute error 0.5 at (1,)" in message
    assert "greatest relative error 0.5 at (1,)" in message


def test_first_bad_index_is_multidimensional():
    expected = np.zeros((2, 3))
    got = expected.copy()
    got[1, 2] = 1.0
    got[1, 0] = 3.0
    message = fails(t(expected), t(got))
    assert "2 of 6 elements differ; first at index (1, 0)" in message
    assert "greatest absolute error 3 at (1, 0)" in message


def test_nan_never_matches_unless_equal_nan():
    message = fails(t([1.0, math.nan]), t([1.0, math.nan]))
    assert "first at index (1,)" in message and "NaN never matches" in message
    passes(t([1.0, math.nan]), t([1.0, math.nan]), CompareSpec(equal_nan=True))
    fails(t([1.0, 2.0]), t([1.0, math.nan]), CompareSpec(equal_nan=True))
    assert "got nan" in fails(math.nan, math.nan)
    passes(math.nan, math.nan, CompareSpec(equal_nan=True))


def test_infinity_only_equals_itself():
    passes(t([math.inf, -math.inf]), t([math.inf, -math.inf]))
    fails(t([math.inf]), t([1e308]))  # rtol·inf would otherwise accept anything
    fails(t([math.inf]), t([-math.inf]))
    fails(t([1.0]), t([math.inf]))
    fails(math.inf, 1e308)
    passes(math.inf, math.inf)


def test_negative_zero_equals_zero():
    passes(t([0.0]), t([-0.0]))
    passes(0.0, -0.0)


def test_shapes_must_match_exactly_nothing_broadcasts():
    message = fails(t([[1.0, 1.0]]), t([1.0, 1.0]))
    assert "expected shape (1, 2), got (2,)" in message and "broadcast" in message
    fails(t([1.0, 1.0]), t(1.0))
    fails(t(1.0), t([1.0]))


def test_dtype_kind_float_int_bool():
    assert "expected a floating-point dtype, got int64" in fails(t([1.0]), t([1], "int64"))
    assert "expected a integer dtype, got float64" in fails(t([1], "int64"), t([1.0]))
    fails(t([True]), t([1], "int64"))
    passes(t([1, 2], "int64"), t([1, 2], "int32"))
    assert "first at index (0,)" in fails(t([1, 2], "int64"), t([2, 2], "int64"))
    passes(t([True, False], "bool"), t([True, False], "bool"))
    fails(t([True, False], "bool"), t([True, True], "bool"))


def test_tensor_versus_ndarray_versus_number():
    assert "use torch.from_numpy" in fails(t([1.0]), nd([1.0]))
    assert "use .numpy()" in fails(nd([1.0]), t([1.0]))
    assert ".item()" in fails(8.0, t(8.0))
    assert "not .tolist()" in fails(t([1.0]), [1.0])
    assert "print its answer" in fails(t([1.0]), None)


def test_python_numbers_int_float_bool_are_distinct():
    assert "return a float such as 3.0" in fails(3.0, 3)
    fails(3, 3.0)
    fails(1, True)
    fails(True, 1)
    passes(3, 3)
    passes(True, True)
    assert "expected 3, got the int 4" in fails(3, 4)
    passes(1.0, 1.0 + 1e-9)
    message = fails(1.0, 1.1)
    assert "expected 1.0, got 1.1" in message


def test_sequences_lengths_and_paths():
    assert fails([1.0, 2.0], [1.0, 2.0, 3.0]) == (
        "return value: expected a list or tuple of 2 values, got 3"
    )
    message = fails([1.0, [t([1.0]), 2.0]], [1.0, [t([5.0]), 2.0]])
    assert message.startswith("return value[1][0]: 1 of 1 elements differ")


def test_dicts_keys_and_nested_paths():
    expected = {"output": t([0.5]), "grads": [t([0.25])]}
    passes(expected, {"output": t([0.5]), "grads": [t([0.25])]})
    assert "the key 'grads' is missing" in fails(expected, {"output": t([0.5])})
    extra = {"output": t([0.5]), "grads": [t([0.25])], "x": 1}
    assert "unexpected key 'x'" in fails(expected, extra)
    message = fails(expected, {"output": t([0.5]), "grads": [t([0.5])]})
    assert message.startswith("return value['grads'][0]: ")


def test_strings_and_none():
    passes("abc", "abc")
    assert "string differs" in fails("abc", "abd")
    passes(None, None)
    fails(None, 0)


@pytest.mark.parametrize("size", [0, 1, 1000])
def test_empty_and_larger_arrays(size):
    values = np.linspace(-1, 1, size)
    passes(t(values), t(values.copy()))
