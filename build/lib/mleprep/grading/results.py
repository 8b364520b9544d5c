"""Result records of grading: one per check, one per submission, and their CSV/JSON exports."""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mleprep.course.spec import Assignment

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
    # PNG files of the holdout plots (ROC curve, confusion matrix, residuals), when asked for.
    plots: tuple[str, ...] = ()
    manual_max_score: float = 0.0
    seconds: float = 0.0
    # From the attempt record a submission carries (mleprep start/submit); None without one.
    raw_score: float | None = None
    penalty: float = 0.0
    late_s: float | None = None
    time_used_s: float | None = None
    # The metric's value per holdout check (higher is better), for placing it on the ladder.
    holdout: dict[str, float] = field(default_factory=dict)
    # Suggestions beyond the score: the reviewer's report on the code (review/code_report.py), the
    # automatic review of each written part per rubric line, and the [business] reading.
    code_report: dict[str, Any] | None = None
    writeup: dict[str, Any] = field(default_factory=dict)
    business: dict[str, Any] | None = None

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
        return cls(
            **{
                **data,
                "checks": checks,
                "notes": tuple(data.get("notes", [])),
                "plots": tuple(data.get("plots", [])),
            }
        )


@dataclass
class GradeReport:
    assignment: str
    results: list[SubmissionResult] = field(default_factory=list)
    scores_csv: str | None = None
    results_json: str | None = None
    # Why kernels ran without containment (no bubblewrap, no namespaces), or None when contained.
    uncontained: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "assignment": self.assignment,
            "results": [r.to_json() for r in self.results],
            "scores_csv": self.scores_csv,
            "results_json": self.results_json,
            "kernels_contained": self.uncontained is None,
            "uncontained_because": self.uncontained,
        }


SCORE_COLUMNS = (
    "candidate",
    "status",
    "score",
    "max_score",
    "raw_score",
    "penalty",
    "late_s",
    "time_used_s",
    "manual_max_score",
    "seconds",
    "error",
)
CHECK_COLUMNS = ("candidate", "check", "title", "kind", "outcome", "points", "max_points", "message")


def _previous_results(results_json: Path) -> list[SubmissionResult]:
    try:
        data = json.loads(results_json.read_text(encoding="utf-8"))
        return [SubmissionResult.from_json(r) for r in data.get("results", [])]
    except (OSError, ValueError, TypeError, KeyError):
        return []


def _write_table(stem: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with stem.with_suffix(".csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
    stem.with_suffix(".json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


def write_reports(report: GradeReport, assignment: Assignment, out_dir: Path) -> None:
    """Exports into `out_dir`, merged by candidate with what an earlier run wrote there.

    scores.csv/.json: a row per candidate (total and a column per check); checks.csv/.json: a row
    per candidate and check, with outcome and message; results.json: everything.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    fresh = {r.candidate for r in report.results}
    merged = [r for r in _previous_results(out_dir / "results.json") if r.candidate not in fresh]
    everyone = sorted([*merged, *report.results], key=lambda r: r.candidate)
    check_ids = [c.id for c in assignment.checks]
    score_rows, check_rows = [], []
    for r in everyone:
        by_id = {c.id: c for c in r.checks}
        row = {k: getattr(r, k) for k in SCORE_COLUMNS}
        row.update({i: (by_id[i].points if i in by_id else None) for i in check_ids})
        score_rows.append(row)
        check_rows += [
            {"candidate": r.candidate, "check": c.id, **{k: getattr(c, k) for k in CHECK_COLUMNS[2:]}}
            for c in r.checks
        ]
    _write_table(out_dir / "scores", (*SCORE_COLUMNS, *check_ids), score_rows)
    _write_table(out_dir / "checks", CHECK_COLUMNS, check_rows)
    results = out_dir / "results.json"
    report.scores_csv, report.results_json = str(out_dir / "scores.csv"), str(results)
    full = GradeReport(report.assignment, everyone, report.scores_csv, report.results_json)
    results.write_text(json.dumps(full.to_json(), indent=2) + "\n", encoding="utf-8")
