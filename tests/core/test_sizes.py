from __future__ import annotations

import pytest

from mleprep.core.sizes import format_size, parse_size


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2GB", 2 * 10**9), ("512 MB", 512 * 10**6), ("1GiB", 2**30), ("200k", 200_000), ("100", 100)],
)
def test_sizes_read_as_people_write_them(text, expected):
    assert parse_size(text) == expected


@pytest.mark.parametrize("text", ["lots", "2 GBs", "-1MB", ""])
def test_unclear_sizes_are_refused_with_an_example(text):
    with pytest.raises(ValueError, match="'2GB'"):
        parse_size(text)


def test_sizes_print_short():
    assert (format_size(2 * 10**9), format_size(48_300_000), format_size(512)) == ("2 GB", "48.3 MB", "512 B")
