"""Built-in checkers: float tolerance, exact text, tokens."""

from __future__ import annotations

import time

import pytest

from judge.checkers.errors import CheckerError
from judge.checkers.numeric import check_exact, check_float, check_tokens, parse_number


def passes(output: str, answer: str, abs_tol: float = 1e-6, rel_tol: float = 1e-6) -> bool:
    result = check_float(output, answer, abs_tol, rel_tol)
    assert result.score == (1.0 if result.passed else 0.0)
    return result.passed


def float_message(output: str, answer: str, abs_tol: float = 1e-6, rel_tol: float = 0.0) -> str:
    result = check_float(output, answer, abs_tol, rel_tol)
    assert not result.passed and result.score == 0.0
    return result.message


# --- float: tolerances -------------------------------------------------------------------------


def test_equal_numbers_pass_with_full_score() -> None:
    result = check_float("1.5 -2\n3e2\n", "1.5 -2.0 300", 1e-6, 1e-6)
    assert result.passed and result.score == 1.0


def test_absolute_tolerance_boundary_is_inclusive() -> None:
    assert passes("1.5", "1.0", abs_tol=0.5, rel_tol=0.0)
    assert passes("0.5", "1.0", abs_tol=0.5, rel_tol=0.0)
    assert not passes("1.5000001", "1.0", abs_tol=0.5, rel_tol=0.0)
    assert not passes("0.4999999", "1.0", abs_tol=0.5, rel_tol=0.0)


def test_relative_tolerance_boundary_is_inclusive_and_scales_with_the_answer() -> None:
    assert passes("5.0", "4.0", abs_tol=0.0, rel_tol=0.25)
    assert passes("-3.0", "-4.0", abs_tol=0.0, rel_tol=0.25)
    assert not passes("5.0001", "4.0", abs_tol=0.0, rel_tol=0.25)
    assert passes("1250", "1000", abs_tol=0.0, rel_tol=0.25)
    assert not passes("1.25", "1000", abs_tol=0.0, rel_tol=0.25)


def test_either_tolerance_is_enough() -> None:
    assert passes("1050", "1000", abs_tol=1e-6, rel_tol=0.1)  # only the relative rule holds
    assert passes("1e-7", "0", abs_tol=1e-6, rel_tol=0.1)  # only the absolute rule holds
    assert not passes("1e-5", "0", abs_tol=1e-6, rel_tol=0.1)


def test_zero_tolerance_needs_equal_values_but_not_equal_spelling() -> None:
    assert passes("0.10", "0.1", abs_tol=0.0, rel_tol=0.0)
    assert passes("-0", "0", abs_tol=0.0, rel_tol=0.0)
    assert not passes("0.1000000001", "0.1", abs_tol=0.0, rel_tol=0.0)


def test_mismatch_message_is_verbatim() -> None:
    assert float_message("1 8.5", "1 8.0") == (
        "number 2: expected 8.0, got 8.5 (error 0.5 > tolerance 1e-06)"
    )


def test_message_reports_the_effective_tolerance() -> None:
    message = float_message("12", "8", abs_tol=1e-6, rel_tol=0.25)
    assert message == "number 1: expected 8.0, got 12.0 (error 4.0 > tolerance 2.0)"


def test_first_wrong_number_is_reported() -> None:
    assert float_message("1 2 9 9", "1 2 3 4").startswith("number 3: expected 3.0, got 9.0")


# --- float: counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("output", "answer", "message"),
    [
        ("1 2", "1 2 3", "expected 3 numbers, got 2"),
        ("1 2 3 4", "1 2 3", "expected 3 numbers, got 4"),
        ("", "42", "expected 1 number, got 0"),
        ("  \n\t\n", "42", "expected 1 number, got 0"),
        ("1 2", "42", "expected 1 number, got 2"),
        ("7", "", "expected 0 numbers, got 1"),
    ],
)
def test_count_mismatch(output: str, answer: str, message: str) -> None:
    assert float_message(output, answer) == message


def test_empty_output_matches_empty_answer() -> None:
    assert passes("", "\n")


def test_any_whitespace_separates_numbers() -> None:
    assert passes("1\t2\r\n3\n\n  4", "1 2 3 4")


# --- float: nan and infinities -----------------------------------------------------------------


@pytest.mark.parametrize("token", ["nan", "NaN", "-nan", "+NAN"])
def test_nan_output_never_matches(token: str) -> None:
    assert float_message(token, "1") == "number 1: got nan, which never matches"


def test_nan_never_matches_even_a_nan_answer() -> None:
    assert float_message("nan", "nan", abs_tol=1e9) == "number 1: got nan, which never matches"
    assert float_message("1", "nan", abs_tol=1e9) == (
        "number 1: expected nan, which never matches (got 1.0)"
    )


@pytest.mark.parametrize(
    ("output", "answer"),
    [("inf", "inf"), ("-inf", "-inf"), ("Infinity", "inf"), ("+INF", "inf"), ("-Infinity", "-inf")],
)
def test_infinity_matches_the_same_infinity(output: str, answer: str) -> None:
    assert passes(output, answer, abs_tol=0.0, rel_tol=0.0)


def test_infinity_matches_nothing_else_whatever_the_tolerance() -> None:
    huge = {"abs_tol": 1e300, "rel_tol": 1e300}
    assert float_message("-inf", "inf", **huge) == "number 1: expected inf, got -inf"
    assert float_message("1e308", "inf", **huge) == "number 1: expected inf, got 1e+308"
    assert float_message("inf", "5", **huge) == "number 1: expected 5.0, got inf"


def test_difference_overflowing_to_infinity_fails() -> None:
    assert not passes("-1.7e308", "1.7e308", abs_tol=1e300, rel_tol=1.0)


# --- float: what counts as a number ------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("1e-3", 1e-3),
        ("1E+3", 1e3),
        (".5", 0.5),
        ("5.", 5.0),
        ("+2", 2.0),
        ("-0.0", 0.0),
        ("007", 7.0),
        ("1.5e-10", 1.5e-10),
        ("inf", float("inf")),
        ("-INFINITY", float("-inf")),
    ],
)
def test_python_style_floats_are_numbers(token: str, value: float) -> None:
    assert parse_number(token) == value


@pytest.mark.parametrize(
    "token",
    [
        "abc",
        "0x10",
        "1_000",
        "١٢",
        "1,5",
        "--1",
        "1e",
        "e5",
        ".",
        "+",
        "1.2.3",
        "infinite",
        "nan(1)",
        "tensor(0.5)",
        "0.5,",
        "[1.0]",
        "1e5.0",
        "½",
    ],
)
def test_other_tokens_are_not_numbers(token: str) -> None:
    assert parse_number(token) is None
    assert float_message(token, "1") == f"number 1: {token!r} is not a number"


def test_long_student_token_is_truncated_in_the_message() -> None:
    message = float_message("x" * 100_000, "1")
    assert message == f"number 1: {'x' * 37 + '...'!r} is not a number"


def test_control_characters_are_escaped_in_the_message() -> None:
    message = float_message("\x1b[31mred\x07", "1")
    assert "\x1b" not in message and "\x07" not in message
    assert "\\x1b[31mred\\x07" in message


def test_non_number_answer_is_a_checker_error_naming_the_token() -> None:
    with pytest.raises(CheckerError, match=r"answer file: token 2 'oops' is not a number"):
        check_float("1 2", "1 oops", 1e-6, 1e-6)


def test_answer_is_validated_even_when_the_output_is_empty() -> None:
    with pytest.raises(CheckerError, match="answer file"):
        check_float("", "0x10", 1e-6, 1e-6)


def test_huge_exponent_overflows_to_infinity() -> None:
    assert passes("1e99999999999999999999", "inf")
    assert passes("1e-99999999999999999999", "0", abs_tol=0.0, rel_tol=0.0)


def test_many_numbers_are_checked_quickly_and_the_last_one_counts() -> None:
    count = 200_000
    answer = " ".join(f"{i * 0.5}" for i in range(count))
    started = time.monotonic()
    assert passes(answer.replace(" ", "\n"), answer)
    output = answer.rsplit(" ", 1)[0] + " 0"
    assert float_message(output, answer).startswith(f"number {count}: expected 99999.5, got 0.0")
    assert time.monotonic() - started < 5


# --- exact ---------------------------------------------------------------------------------------


def test_exact_equal_text_passes() -> None:
    result = check_exact("a b\nc\n", "a b\nc\n")
    assert result.passed and result.score == 1.0


@pytest.mark.parametrize(
    "output",
    ["a b\r\nc\r\n", "a b\nc", "a b\nc\n\n\n", "a b\nc  \t\n "],
)
def test_exact_forgives_crlf_and_trailing_whitespace_at_the_end_only(output: str) -> None:
    assert check_exact(output, "a b\nc\n").passed


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("a b \nc\n", "line 1 differs: expected 'a b', got 'a b '"),
        ("a  b\nc\n", "line 1 differs: expected 'a b', got 'a  b'"),
        ("a b\n c\n", "line 2 differs: expected 'c', got ' c'"),
        ("a b\rc\n", "line 1 differs: expected 'a b', got 'a b\\rc'"),
        ("a b\n\nc\n", "line 2 differs: expected 'c', got ''"),
        ("a b\n", "output ends after 1 line, expected 2"),
        ("", "line 1 differs: expected 'a b', got ''"),
        ("a b\nc\nd\n", "line 3: expected end of output, got 'd'"),
    ],
)
def test_exact_names_the_first_differing_line(output: str, message: str) -> None:
    result = check_exact(output, "a b\nc\n")
    assert not result.passed and result.score == 0.0
    assert result.message == message


def test_exact_truncates_a_long_line_in_the_message() -> None:
    message = check_exact("y" * 10_000, "x").message
    assert len(message) < 120 and "..." in message


# --- tokens --------------------------------------------------------------------------------------


def test_tokens_ignore_how_whitespace_is_laid_out() -> None:
    result = check_tokens("  yes\n\n1   2\t3\r\n", "yes 1 2 3")
    assert result.passed and result.score == 1.0


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("yes 1 3", "token 3: expected '2', got '3'"),
        ("Yes 1 2", "token 1: expected 'yes', got 'Yes'"),
        ("yes 1.0 2", "token 2: expected '1', got '1.0'"),
        ("yes 1", "expected 3 tokens, got 2"),
        ("yes 1 2 extra", "expected 3 tokens, got 4"),
        ("", "expected 3 tokens, got 0"),
        ("no", "token 1: expected 'yes', got 'no'; expected 3 tokens, got 1"),
    ],
)
def test_tokens_name_the_first_difference_and_the_counts(output: str, message: str) -> None:
    result = check_tokens(output, "yes 1 2")
    assert not result.passed and result.score == 0.0
    assert result.message == message


def test_tokens_singular_count() -> None:
    assert check_tokens("a b", "a").message == "expected 1 token, got 2"
