"""The attempt record: when a candidate started a timed take-home, its deadline, and when it was
submitted, kept as `attempt.json` in the attempt's folder.

The record travels with the folder, so the grader applies the same late policy to it as the
candidate's own clock showed; both read it here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mleprep.core.defaults import ATTEMPT_FILE
from mleprep.core.errors import MleprepError


class AttemptError(MleprepError, RuntimeError):
    """An attempt that cannot be started, found or submitted; the message says what to do."""


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_time(text: Any, path: Path, key: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError as exc:
        raise AttemptError(f"{path}: key '{key}': {text!r} is not an ISO 8601 time") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Attempt:
    assignment: str
    notebook: str
    started_at: datetime
    deadline: datetime
    time_limit_s: int
    folder: Path
    submitted_at: datetime | None = None

    @property
    def notebook_path(self) -> Path:
        return self.folder / self.notebook

    def _end(self, now: datetime) -> datetime:
        return self.submitted_at or now

    def remaining_s(self, now: datetime) -> float:
        """Seconds left on the clock at `now` (negative once past the deadline); frozen at submission."""
        return round((self.deadline - self._end(now)).total_seconds(), 3)

    def time_used_s(self, now: datetime) -> float:
        return round((self._end(now) - self.started_at).total_seconds(), 3)

    def late_s(self, now: datetime) -> float:
        return max(0.0, -self.remaining_s(now))

    def to_json(self) -> dict[str, Any]:
        return {
            "assignment": self.assignment,
            "notebook": self.notebook,
            "started_at": iso(self.started_at),
            "deadline": iso(self.deadline),
            "time_limit_s": self.time_limit_s,
            "submitted_at": iso(self.submitted_at) if self.submitted_at else None,
        }

    def status(self, now: datetime) -> dict[str, Any]:
        return {
            "assignment": self.assignment,
            "workspace": str(self.folder.parent),
            "notebook": str(self.notebook_path),
            "started_at": iso(self.started_at),
            "deadline": iso(self.deadline),
            "time_limit_s": self.time_limit_s,
            "remaining_s": self.remaining_s(now),
            "submitted": self.submitted_at is not None,
            "submitted_at": iso(self.submitted_at) if self.submitted_at else None,
        }


def read_attempt(folder: Path) -> Attempt | None:
    """The attempt recorded in `folder`, or None if it has none; a damaged record is an error."""
    path = folder / ATTEMPT_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        submitted = data.get("submitted_at")
        return Attempt(
            assignment=str(data["assignment"]),
            notebook=str(data["notebook"]),
            started_at=parse_time(data["started_at"], path, "started_at"),
            deadline=parse_time(data["deadline"], path, "deadline"),
            time_limit_s=int(data["time_limit_s"]),
            folder=folder,
            submitted_at=parse_time(submitted, path, "submitted_at") if submitted else None,
        )
    except KeyError as exc:
        raise AttemptError(f"{path}: key {exc.args[0]!r} is missing") from exc
    except (ValueError, TypeError) as exc:
        raise AttemptError(f"{path}: the attempt record is damaged ({exc})") from exc


def write_attempt(attempt: Attempt) -> None:
    # Write-then-rename: a crash mid-write must never lose the start time.
    path = attempt.folder / ATTEMPT_FILE
    tmp = path.with_suffix(".json.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        json.dump(attempt.to_json(), f, indent=2)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
