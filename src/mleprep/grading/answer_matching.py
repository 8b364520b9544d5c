"""Compare the answers a candidate's functions gave on the hidden variant with the expected ones.

Both sides are tagged JSON as `mleprep.handin.encode_answer` writes it. A mismatch is described
without the expected value: the variant's answers are hidden material, and a message that quoted
them would let the next submission type them in.
"""

from __future__ import annotations

import math
from typing import Any

from mleprep.metrics.registry import ScoringError


def close(got: float | None, expected: float | None, tolerance: float) -> bool:
    """Within `tolerance` of `expected`: absolute up to 1, relative to the size of larger numbers."""
    if got is None or expected is None:
        return got is None and expected is None
    return abs(got - expected) <= tolerance * max(1.0, abs(expected)) + 1e-12


def _kind(answer: Any) -> str:
    return answer.get("type", "?") if isinstance(answer, dict) else "?"


def mismatch(got: Any, expected: dict[str, Any], tolerance: float) -> str | None:
    """None when `got` matches `expected`; else what is wrong, in the candidate's terms.

    `got` comes from the candidate's kernel, which could have written anything: a shape this module
    does not expect raises ScoringError, never another exception.
    """
    try:
        return _mismatch(got, expected, tolerance)
    except (KeyError, TypeError, IndexError, AttributeError, ValueError) as exc:
        raise ScoringError(
            f"the exported answer is not in the shape export_answers writes ({exc!r:.80})"
        ) from exc


def _single_number(answer: Any) -> Any:
    """A one-element list of a number (a size-1 array where a number was meant) as that number."""
    if _kind(answer) == "list" and len(answer["items"]) == 1 and _kind(answer["items"][0]) == "number":
        return answer["items"][0]
    return answer


def _mismatch(got: Any, expected: dict[str, Any], tolerance: float) -> str | None:
    kind = _kind(expected)
    if _kind(got) == "error":
        return f"the function raised {got.get('message', 'an error')}"
    if kind == "table":
        return _table_mismatch(got, expected, tolerance)
    if kind == "record":
        return _record_mismatch(got, expected, tolerance)
    if kind == "list":
        if _kind(got) != "list":
            return f"a list was expected, it returned {_shown_kind(got)}"
        if len(got["items"]) != len(expected["items"]):
            return f"{len(expected['items'])} items were expected, it returned {len(got['items'])}"
        for n, (g, e) in enumerate(zip(got["items"], expected["items"], strict=True)):
            if (problem := _mismatch(g, e, tolerance)) is not None:
                return f"item {n}: {problem}"
        return None
    if kind == "number":
        got = _single_number(got)
        if _kind(got) != "number":
            return f"a number was expected, it returned {_shown_kind(got)}"
        if close(got["value"], expected["value"], tolerance):
            return None
        return f"the number is not within {tolerance:g} of the expected answer"
    if _kind(got) != kind:
        return f"{_shown_kind(expected)} was expected, it returned {_shown_kind(got)}"
    if got.get("value") != expected.get("value"):
        return f"not the expected {'text' if kind == 'text' else 'answer'}"
    return None


def _shown_kind(answer: Any) -> str:
    return {
        "number": "a number",
        "text": "text",
        "bool": "True or False",
        "table": "a table",
        "record": "a record",
        "list": "a list",
        "none": "None",
    }.get(_kind(answer), "something unreadable")


def _record_mismatch(got: Any, expected: dict[str, Any], tolerance: float) -> str | None:
    if _kind(got) != "record":
        return f"a record with {', '.join(expected['fields'])} was expected, it returned {_shown_kind(got)}"
    for name, value in expected["fields"].items():
        if name not in got["fields"]:
            return f"it has no field {name!r}"
        if (problem := _mismatch(got["fields"][name], value, tolerance)) is not None:
            return f"{name}: {problem}"
    return None


def _numeric_key(row: list[Any]) -> tuple[float, ...]:
    return tuple(v if isinstance(v, int | float) and not isinstance(v, bool) else -math.inf for v in row)


def _sort_key(row: list[Any], key_columns: list[int]) -> tuple[str, ...]:
    return tuple(str(row[i]) for i in key_columns)


def _table_mismatch(got: Any, expected: dict[str, Any], tolerance: float) -> str | None:
    if _kind(got) != "table":
        return f"a table was expected, it returned {_shown_kind(got)}"
    missing = [c for c in expected["columns"] if c not in got["columns"]]
    if missing:
        return f"the table has no column {', '.join(map(repr, missing))} (columns: {got['columns']})"
    if len(got["rows"]) != len(expected["rows"]):
        return f"{len(expected['rows'])} rows were expected, the table has {len(got['rows'])}"
    where = [got["columns"].index(c) for c in expected["columns"]]
    mine = [[row[i] for i in where] for row in got["rows"]]
    theirs = expected["rows"]
    # Row order is the candidate's choice: both sides are sorted by the columns that are not numbers.
    keys = [i for i in range(len(expected["columns"])) if not all(_is_number(r[i]) for r in theirs)]
    if keys:
        mine = sorted(mine, key=lambda r: _sort_key(r, keys))
        theirs = sorted(theirs, key=lambda r: _sort_key(r, keys))
    else:  # numbers only: ordered by their values
        mine = sorted(mine, key=_numeric_key)
        theirs = sorted(theirs, key=_numeric_key)
    wrong: dict[str, int] = {}
    for row, want in zip(mine, theirs, strict=True):
        for i, column in enumerate(expected["columns"]):
            a, b = row[i], want[i]
            if b is None:  # a missing value is matched by a missing value only
                same = a is None
            elif _is_number(b):
                same = (
                    isinstance(a, int | float) and not isinstance(a, bool) and close(float(a), b, tolerance)
                )
            else:
                same = str(a) == str(b)
            if not same:
                wrong[column] = wrong.get(column, 0) + 1
    if not wrong:
        return None
    parts = [f"{column}: {n} of {len(theirs)} rows" for column, n in wrong.items()]
    return f"values differ from the expected answer (tolerance {tolerance:g}) in {'; '.join(parts)}"


def _is_number(value: Any) -> bool:
    """A numeric cell, or a missing one (missing numbers are exported as null)."""
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))
