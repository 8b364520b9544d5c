"""The late policy of a timed take-home, as data from assignment.toml's [late_policy] table.

Lateness is measured from the candidate's own deadline (start + time limit), never from a
course-wide due date. nbgrader applies it through its late-submission plugin (late_plugin.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mleprep.core.durations import format_duration
from mleprep.core.toml_data import TableReader
from mleprep.course.spec_fields import keys


@dataclass(frozen=True)
class LatePolicy:
    """Lateness up to `grace_s` is free; then each started `per_s` costs `deduct` of the points,
    and anything later than `zero_after_s` past the deadline earns nothing.
    """

    grace_s: int = 0
    per_s: int | None = None
    deduct: float = 0.0
    zero_after_s: int | None = None

    def penalty(self, *, score: float, max_score: float, seconds_late: float) -> float:
        """Points taken off `score` (never more than `score`) for `seconds_late` past the deadline."""
        if seconds_late <= self.grace_s or score <= 0:
            return 0.0
        if self.zero_after_s is not None and seconds_late > self.zero_after_s:
            return float(score)
        if self.per_s is None or self.deduct <= 0:
            return 0.0
        periods = math.ceil((seconds_late - self.grace_s) / self.per_s)
        return round(min(float(score), periods * self.deduct * max_score), 4)

    def describe(self) -> str:
        parts = []
        if self.per_s is not None and self.deduct > 0:
            parts.append(f"{self.deduct:.0%} of the points per started {format_duration(self.per_s)} late")
        if self.zero_after_s is not None:
            parts.append(f"zero when more than {format_duration(self.zero_after_s)} late")
        if not parts:
            return "no late penalty"
        grace = f"after {format_duration(self.grace_s)} of grace, " if self.grace_s else ""
        return grace + "; ".join(parts)


NO_PENALTY = LatePolicy()


def read_late_policy(r: TableReader | None) -> LatePolicy:
    """[late_policy]: grace, deduct_per with deduct (a fraction of the points), zero_after."""
    if r is None:
        return NO_PENALTY
    r.unknown(keys("late_policy"))
    per_s = r.duration("deduct_per", None)
    deduct = r.get("deduct", float, 0.0)
    if not 0 <= deduct <= 1:
        raise r.fail("deduct", f"must be a fraction of the points between 0 and 1, not {deduct}")
    if (per_s is None) != ("deduct" not in r.table):
        raise r.fail("deduct_per" if per_s is None else "deduct", "deduct_per and deduct go together")
    if per_s is not None and per_s <= 0:
        raise r.fail("deduct_per", "must be longer than 0 s")
    policy = LatePolicy(r.duration("grace", "0s") or 0, per_s, deduct, r.duration("zero_after", None))
    if policy.zero_after_s is not None and policy.zero_after_s < policy.grace_s:
        raise r.fail("zero_after", "must not be shorter than the grace period")
    return policy
