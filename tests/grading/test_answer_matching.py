"""Answers on the hidden variant are compared with the reference's by type, with a tolerance, and a
mismatch is described without giving the expected answer away."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pytest

from mleprep.grading.answer_matching import close, mismatch
from mleprep.grading.scoring import ScoringError
from mleprep.handin import encode_answer


@dataclass(frozen=True)
class Estimate:
    estimate: float
    ci_low: float
    ci_high: float


def test_tolerance_is_absolute_for_rates_and_relative_for_large_numbers() -> None:
    assert close(0.1234, 0.1240, 0.001)
    assert not close(0.1234, 0.1260, 0.001)
    assert close(10_010.0, 10_000.0, 0.001)  # 0.1% of ten thousand
    assert not close(10_020.0, 10_000.0, 0.001)
    assert close(None, None, 0.001) and not close(None, 1.0, 0.001)


def test_a_table_matches_whatever_the_row_order_index_and_extra_columns() -> None:
    expected = encode_answer(pd.DataFrame({"variant": ["control", "treatment"], "conversion": [0.1, 0.12]}))
    got = pd.DataFrame(
        {"conversion": [0.12, 0.1], "users": [5, 6]}, index=pd.Index(["treatment", "control"], name="variant")
    )
    assert mismatch(encode_answer(got), expected, 1e-6) is None


def test_a_table_with_a_wrong_value_names_the_column_but_not_the_expected_value() -> None:
    expected = encode_answer(pd.DataFrame({"variant": ["control", "treatment"], "conversion": [0.1, 0.12]}))
    got = encode_answer(pd.DataFrame({"variant": ["control", "treatment"], "conversion": [0.1, 0.15]}))
    problem = mismatch(got, expected, 0.001)
    assert problem is not None and "conversion: 1 of 2 rows" in problem
    assert "0.12" not in problem


def test_missing_columns_and_row_counts_are_reported() -> None:
    expected = encode_answer(pd.DataFrame({"variant": ["a", "b"], "users": [1, 2]}))
    assert "no column 'users'" in mismatch(encode_answer(pd.DataFrame({"variant": ["a", "b"]})), expected, 0)
    assert "2 rows were expected" in mismatch(
        encode_answer(pd.DataFrame({"variant": ["a"], "users": [1]})), expected, 0
    )


def test_a_record_is_compared_field_by_field() -> None:
    expected = encode_answer(Estimate(0.02, 0.01, 0.03))
    assert mismatch(encode_answer(Estimate(0.0201, 0.0099, 0.0301)), expected, 0.001) is None
    assert (
        mismatch(encode_answer({"estimate": 0.02, "ci_low": 0.01, "ci_high": 0.03}), expected, 0.001) is None
    )
    problem = mismatch(encode_answer(Estimate(0.02, 0.0, 0.03)), expected, 0.001)
    assert problem is not None and problem.startswith("ci_low:")
    assert "no field 'ci_high'" in mismatch(
        encode_answer({"estimate": 0.02, "ci_low": 0.01}), expected, 0.001
    )


def test_text_must_match_exactly_and_types_must_agree() -> None:
    assert mismatch(encode_answer("android"), encode_answer("android"), 0) is None
    assert mismatch(encode_answer("ios"), encode_answer("android"), 0) == "not the expected text"
    assert "a number was expected" in mismatch(encode_answer("0.1"), encode_answer(0.1), 0.01)
    assert "a table was expected" in mismatch(encode_answer(3), encode_answer(pd.DataFrame({"a": [1]})), 0)


def test_a_function_that_raised_is_reported_with_its_error() -> None:
    got = {"type": "error", "message": "KeyError: 'platform'"}
    assert mismatch(got, encode_answer(0.1), 0.01) == "the function raised KeyError: 'platform'"


def test_a_one_element_array_where_a_number_was_meant_is_that_number() -> None:
    import numpy as np

    assert mismatch(encode_answer(np.array([61.53])), encode_answer(61.53), 1e-6) is None
    assert "a number was expected" in mismatch(encode_answer([1.0, 2.0]), encode_answer(1.0), 1e-6)


def test_rows_of_numbers_only_match_in_any_order() -> None:
    expected = encode_answer(pd.DataFrame({"week": [1, 2, 3], "retained": [0.5, 0.4, 0.3]}))
    got = encode_answer(pd.DataFrame({"week": [3, 1, 2], "retained": [0.3, 0.5, 0.4]}))
    assert mismatch(got, expected, 1e-6) is None


def test_a_missing_value_is_matched_only_by_a_missing_value() -> None:
    expected = encode_answer(pd.DataFrame({"segment": ["a", "b"], "share": [0.5, None]}))
    assert (
        mismatch(encode_answer(pd.DataFrame({"segment": ["a", "b"], "share": [0.5, None]})), expected, 0)
        is None
    )
    got = encode_answer(pd.DataFrame({"segment": ["a", "b"], "share": [0.5, "n/a"]}))
    assert "share: 1 of 2 rows" in mismatch(got, expected, 0)


@pytest.mark.parametrize(
    "got", [{"type": "table"}, {"type": "record", "fields": 3}, {"type": "list", "items": 1}]
)
def test_an_export_in_a_shape_export_answers_never_writes_is_a_scoring_error(got) -> None:
    expected = {
        "table": encode_answer(pd.DataFrame({"a": [1]})),
        "record": encode_answer({"x": 1.0}),
        "list": encode_answer([1.0]),
    }[got["type"]]
    with pytest.raises(ScoringError, match="not in the shape export_answers writes"):
        mismatch(got, expected, 0)
