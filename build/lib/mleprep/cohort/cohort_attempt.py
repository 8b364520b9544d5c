"""A candidate's attempt in a cohort as the clock service keeps it: the release it belongs to, its
start, the mentor's extension and its stamped submissions; the deadline and what the countdown shows
follow from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class Release:
    assignment: str
    time_limit_s: int
    opens: datetime | None
    closes: datetime | None
    released_at: datetime


@dataclass(frozen=True)
class Submission:
    exchange_name: str
    submitted_at: datetime
    by_service: bool


@dataclass(frozen=True)
class CohortAttempt:
    """One candidate's attempt at one released assignment, as the service keeps it."""

    candidate: str
    release: Release
    started_at: datetime | None
    extension_s: int
    submissions: tuple[Submission, ...]

    @property
    def deadline(self) -> datetime | None:
        """The earlier of start + limit and the window's close, plus any extension."""
        if self.started_at is None:
            return None
        end = self.started_at + timedelta(seconds=self.release.time_limit_s)
        if self.release.closes is not None:
            end = min(end, self.release.closes)
        return end + timedelta(seconds=self.extension_s)

    @property
    def last_submission(self) -> Submission | None:
        return max(self.submissions, key=lambda s: s.submitted_at, default=None)

    def state(self, now: datetime) -> dict[str, Any]:
        """What the candidate's countdown shows: remaining time frozen at the last submission."""
        deadline, last = self.deadline, self.last_submission
        end = last.submitted_at if last else now
        return {
            "assignment": self.release.assignment,
            "started": self.started_at is not None,
            "started_at": self.started_at.isoformat(timespec="seconds") if self.started_at else None,
            "deadline": deadline.isoformat(timespec="seconds") if deadline else None,
            "time_limit_s": self.release.time_limit_s,
            "extension_s": self.extension_s,
            "opens": self.release.opens.isoformat(timespec="seconds") if self.release.opens else None,
            "closes": self.release.closes.isoformat(timespec="seconds") if self.release.closes else None,
            "remaining_s": round((deadline - end).total_seconds(), 3) if deadline else None,
            "submitted": last is not None,
            # Times are shown to the second: two hand-ins within one are told apart by the count.
            "submissions": len(self.submissions),
            "submitted_at": last.submitted_at.isoformat(timespec="seconds") if last else None,
            "submitted_by_service": bool(last and last.by_service),
        }
