"""What counts as a number in an outcome, and which times only say when it came."""

from __future__ import annotations

import pytest

from mleprep.review.answer_numbers import QUANTITY, WHEN


@pytest.mark.parametrize(
    "text", ["fell by 30%", "cut it in half", "a third fewer tickets", "from 9 to 3 hours"]
)
def test_digits_percentages_and_number_words_are_quantities(text: str) -> None:
    assert QUANTITY.search(text)


@pytest.mark.parametrize(
    "text", ["covered by E2E tests", "p99 latency dropped", "runs on H100 GPUs", "S3 exports"]
)
def test_a_digit_inside_a_name_is_no_quantity(text: str) -> None:
    assert not QUANTITY.search(text)


@pytest.mark.parametrize(
    "text", ["six months later it was adopted", "for the next 3 weeks the alerts worked"]
)
def test_when_an_outcome_came_is_a_time_not_its_size(text: str) -> None:
    assert not QUANTITY.search(WHEN.sub("", text))
