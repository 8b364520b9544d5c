"""Result records of grading: one per check, one per submission, and their CSV/JSON exports."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mleprep.spec import Assignment

OUTCOMES = ("passed", "failed", "not attempted", "error")


@dataclass(frozen=True)
class CheckResult:
    id: str
    title: str
    kind: str
    outcome: str
    points: float
    max_points: float
    message: str


@dataclass(frozen=True)
class SubmissionResult:
    candidate: str
    status: str  # "graded" or "error"
    score: float | None
    max_score: float
    checks: tuple[CheckResult, ...] = ()
    error: str | None = None
    feedback: str | None = None
    notes: tuple[str, ...] = ()
    manual_max_score: float = 0.0
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["checks"] = [asdict(c) for c in self.checks]
        data["notes"] = list(self.notes)
        return data

    @classmethod
    def failure(
        cls,
        candidate: str,
        assignment: Assignment,
        message: str,
        *,
        seconds: float,
        notes: tuple[str, ...] = (),
    ) -> SubmissionResult:
        """The record of a submission that could not be graded."""
        return cls(
            candidate,
            "error",
            None,
            assignment.auto_points,
            error=message,
            notes=notes,
            manual_max_score=assignment.manual_points,
            seconds=round(seconds, 2),
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SubmissionResult:
        checks = tuple(CheckResult(**c) for c in data.get("checks", []))
        return cls(**{**data, "checks": checks, "notes": tuple(data.get("notes", []))})


@dataclass
class GradeReport:
    assignment: str
    results: list[SubmissionResult] = field(default_factory=list)
    scores_csv: str | None = None
    results_json: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "assignment": self.assignment,
            "results": [r.to_json() for r in self.results],
            "scores_csv": self.scores_csv,
            "results_json": self.results_json,
        }


def write_reports(report: GradeReport, check_ids: list[str], out_dir: Path) -> None:
    """scores.csv (a row per candidate, a column per check) and results.json into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    scores = out_dir / "scores.csv"
    with scores.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["candidate", "status", "score", "max_score", *check_ids, "error"])
        for r in report.results:
            by_id = {c.id: c.points for c in r.checks}
            writer.writerow(
                [
                    r.candidate,
                    r.status,
                    "" if r.score is None else r.score,
                    r.max_score,
                    *[by_id.get(i, "") for i in check_ids],
                    r.error or "",
                ]
            )
    results = out_dir / "results.json"
    report.scores_csv, report.results_json = str(scores), str(results)
    results.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
