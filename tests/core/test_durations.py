import pytest

from mleprep.core.durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("4h", 14400), ("90m", 5400), ("3h30m", 12600), ("10s", 10), ("600", 600), (" 1h 5m ", 3900)],
)
def test_durations_parse_the_forms_people_write(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "4 hours", "h", "5x", "-3m"])
def test_a_non_duration_is_refused_with_an_example_of_the_form(text):
    with pytest.raises(ValueError, match="like '4h'"):
        parse_duration(text)


def test_durations_format_for_a_status_line():
    assert format_duration(14400) == "4h 00m"
    assert format_duration(750) == "12m 30s"
    assert format_duration(-8) == "-8s"
