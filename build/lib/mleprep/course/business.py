"""[business] in assignment.toml: how the holdout score reads in the team's own terms."""

from __future__ import annotations

from dataclasses import dataclass

from mleprep.core.toml_data import TableReader
from mleprep.course.spec_fields import BUSINESS_READINGS, keys


@dataclass(frozen=True)
class Business:
    """e.g. leavers among the top N customers the team can call (grading/business_reading.py)."""

    reading: str
    top_n: int
    rows: str
    positives: str


def read_business(r: TableReader, has_task: bool, is_error: bool = False) -> Business:
    r.unknown(keys("business"))
    top_n = r.get("top_n", int)
    if top_n < 1:
        raise r.fail("top_n", "must be a positive whole number")
    if not has_task:
        raise r.fail("reading", "a business reading needs a [task] table (the holdout it reads)")
    if is_error:  # a regression's error: there are no positives to count among the top N
        raise r.fail("reading", "top_n_share counts positives of a yes/no target, not a regression's values")
    return Business(r.choice("reading", tuple(BUSINESS_READINGS)), top_n, r.text("rows"), r.text("positives"))
