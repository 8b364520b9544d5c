"""Human durations ("4h", "90m", "3h30m", "10s") to seconds and back."""

from __future__ import annotations

import re

_PART = re.compile(r"(\d+)\s*([hms])")
_UNIT_S = {"h": 3600, "m": 60, "s": 1}


def parse_duration(text: str) -> int:
    """Seconds in `text`; raises ValueError naming what was expected."""
    compact = text.strip().lower().replace(" ", "")
    if compact.isdigit():
        return int(compact)
    parts = _PART.findall(compact)
    if not parts or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"{text!r} is not a duration; write it like '4h', '90m', '3h30m' or '45s'")
    return sum(int(n) * _UNIT_S[u] for n, u in parts)


def format_duration(seconds: float) -> str:
    """'3h 05m', '12m 30s', '8s': short enough for a status line."""
    total = round(seconds)
    hours, rest = divmod(abs(total), 3600)
    minutes, secs = divmod(rest, 60)
    sign = "-" if total < 0 else ""
    if hours:
        return f"{sign}{hours}h {minutes:02d}m"
    if minutes:
        return f"{sign}{minutes}m {secs:02d}s"
    return f"{sign}{secs}s"
