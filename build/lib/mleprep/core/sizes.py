"""Human sizes ("2GB", "512MB", "1.5GiB", "200k") to bytes and back, for grading budgets."""

from __future__ import annotations

import re

_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)$")
_POWER = {"": 0, "k": 1, "m": 2, "g": 3, "t": 4}


def parse_size(text: str | int) -> int:
    """Bytes in `text`; decimal units (1 MB = 10**6 B) unless written binary (MiB). ValueError if unclear."""
    if isinstance(text, int):
        return text
    compact = text.strip().lower().replace(" ", "")
    match = _SIZE.match(compact)
    if not match:
        raise ValueError(f"{text!r} is not a size; write it like '2GB', '512MB' or '1GiB'")
    number, unit, suffix = match.groups()
    base = 1024 if suffix.startswith("i") else 1000
    return int(float(number) * base ** _POWER[unit])


def format_size(n_bytes: float) -> str:
    """'2 GB', '48.3 MB', '512 B': decimal units, as parse_size reads them."""
    for unit, power in (("TB", 4), ("GB", 3), ("MB", 2), ("kB", 1)):
        if abs(n_bytes) >= 1000**power:
            return f"{n_bytes / 1000**power:.3g} {unit}"
    return f"{int(n_bytes)} B"
