"""The cohort report: one row per candidate, pass rates per check, common failures, and plots.

The mentor's view of a take-home once the clock has run: who was graded, who never started, who
ran out of time, and which checks tripped people up. It joins the roster, the clock service's
attempts and grading's results.json into cohort.csv and a self-contained cohort.html (plots are
embedded, so the file can be mailed or archived alone).
"""

from __future__ import annotations

import base64
import csv
import html
import json
from collections import Counter
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from mleprep.cohort.attempt_store import CohortAttempt
from mleprep.core.durations import format_duration
from mleprep.course.spec import Assignment
from mleprep.grading.results import SubmissionResult

GRADED, NOT_GRADED, AWAITING = "graded", "could not grade", "awaiting grading"
NOT_SUBMITTED, NOT_STARTED, IN_PROGRESS = "not submitted", "not submitted (never started)", "in progress"
TOP_FAILURES = 10


@dataclass(frozen=True)
class CohortRow:
    """One candidate on the roster, or one who submitted without being on it."""

    candidate: str
    status: str
    score: float | None
    max_score: float
    raw_score: float | None
    penalty: float
    late_s: float | None
    time_used_s: float | None
    time_limit_s: int
    extension_s: int
    submitted_at: str | None
    submitted_by_service: bool


@dataclass(frozen=True)
class CohortReport:
    assignment: str
    rows: tuple[CohortRow, ...]
    html: Path
    csv: Path
    plots: tuple[Path, ...]
    check_pass_rates: dict[str, float]
    common_failures: list[tuple[str, int]]

    def to_json(self) -> dict[str, Any]:
        return {
            "assignment": self.assignment,
            "counts": _counts(self.rows),
            "rows": [asdict(r) for r in self.rows],
            "html": str(self.html),
            "csv": str(self.csv),
            "plots": [str(p) for p in self.plots],
            "check_pass_rates": self.check_pass_rates,
            "common_failures": [list(f) for f in self.common_failures],
        }


def read_results(results_json: Path) -> list[SubmissionResult]:
    """The result records grading wrote; [] before anything was graded."""
    if not results_json.is_file():
        return []
    data = json.loads(results_json.read_text(encoding="utf-8"))
    return [SubmissionResult.from_json(r) for r in data.get("results", [])]


def _row(
    name: str,
    assignment: Assignment,
    attempt: CohortAttempt | None,
    result: SubmissionResult | None,
    now: datetime,
) -> CohortRow:
    last = attempt.last_submission if attempt else None
    deadline = attempt.deadline if attempt else None
    if result is not None:
        status = GRADED if result.status == "graded" else NOT_GRADED
    elif last is not None:
        # Collected but not graded yet: calling it "not submitted" would contradict submitted_at.
        status = AWAITING
    elif attempt is None or attempt.started_at is None:
        status = NOT_STARTED
    elif deadline is not None and now < deadline:
        status = IN_PROGRESS
    else:
        status = NOT_SUBMITTED
    # Grading measured these against the attempt record the submission carried; that wins.
    used = result.time_used_s if result else None
    if used is None and last is not None and attempt is not None and attempt.started_at is not None:
        used = round((last.submitted_at - attempt.started_at).total_seconds(), 1)
    late = result.late_s if result else None
    if late is None and last is not None and deadline is not None:
        late = round(max(0.0, (last.submitted_at - deadline).total_seconds()), 1)
    return CohortRow(
        candidate=name,
        status=status,
        score=result.score if result and status == GRADED else None,
        max_score=result.max_score if result else assignment.auto_points,
        raw_score=result.raw_score if result else None,
        penalty=result.penalty if result else 0.0,
        late_s=late,
        time_used_s=used,
        time_limit_s=attempt.release.time_limit_s if attempt else assignment.time_limit_s,
        extension_s=attempt.extension_s if attempt else 0,
        submitted_at=last.submitted_at.isoformat(timespec="seconds") if last else None,
        submitted_by_service=bool(last and last.by_service),
    )


def _counts(rows: tuple[CohortRow, ...] | list[CohortRow]) -> dict[str, int]:
    by_status = Counter(r.status for r in rows)
    statuses = (GRADED, NOT_GRADED, AWAITING, IN_PROGRESS, NOT_SUBMITTED, NOT_STARTED)
    return {
        "candidates": len(rows),
        **{s: by_status[s] for s in statuses},
        "late": sum(bool(r.late_s) for r in rows),
    }


def _pass_rates(assignment: Assignment, graded: list[SubmissionResult]) -> dict[str, float]:
    if not graded:
        return {}  # 0% would read as "everyone failed", not "nobody graded yet"
    ids = [c.id for c in assignment.checks]
    ids += sorted({c.id for r in graded for c in r.checks} - set(ids))
    passed = Counter(c.id for r in graded for c in r.checks if c.outcome == "passed")
    return {i: round(passed[i] / len(graded), 4) for i in ids}


def _common_failures(results: list[SubmissionResult]) -> list[tuple[str, int]]:
    counts = Counter(
        c.message.strip() or f"{c.id}: {c.outcome}, no message"
        for r in results
        for c in r.checks
        if c.outcome in ("failed", "error")
    )
    # Sorted by message among equals so reruns on the same results give the same table.
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_FAILURES]


def _labels(texts: list[str], width: int = 28) -> list[str]:
    # Candidate names reach matplotlib, where "$...$" is mathtext and can fail to parse.
    return [(t if len(t) <= width else t[: width - 1] + "…").replace("$", r"\$") for t in texts]


def _plots(rows: list[CohortRow], rates: dict[str, float], out_dir: Path) -> tuple[Path, ...]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    drawn: list[Path] = []

    def save(fig: Any, ax: Any, name: str, title: str, empty: bool) -> None:
        if empty:  # still drawn, so the report always has the same three pictures
            ax.text(0.5, 0.5, "nothing to show yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(title)
        fig.tight_layout()
        fig.savefig(out_dir / name, dpi=90)
        plt.close(fig)
        drawn.append(out_dir / name)

    fractions = [100 * r.score / r.max_score for r in rows if r.score is not None and r.max_score]
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.hist(fractions, bins=10, range=(0, 100), color="#4c72b0", edgecolor="white")
    ax.set(xlim=(0, 100), xlabel="score (% of the autograded points)", ylabel="candidates")
    save(fig, ax, "score_distribution.png", "Score distribution", not fractions)

    # Bars at numeric positions with tick labels: two names cut to the same label stay two bars.
    names = list(rates)[::-1]  # first check at the top
    fig, ax = plt.subplots(figsize=(6, 0.8 + 0.4 * max(len(names), 2)))
    ax.barh(range(len(names)), [100 * rates[n] for n in names], tick_label=_labels(names), color="#55a868")
    ax.set(xlim=(0, 100), xlabel="graded submissions passing (%)")
    save(fig, ax, "check_pass_rates.png", "Pass rate per check", not names)

    timed = [r for r in rows if r.time_used_s is not None][::-1]
    fig, ax = plt.subplots(figsize=(6.5, 0.8 + 0.35 * max(len(timed), 2)))
    ax.barh(
        range(len(timed)),
        [(r.time_used_s or 0.0) / 3600 for r in timed],
        tick_label=_labels([r.candidate for r in timed]),
        color=["#c44e52" if r.late_s else "#4c72b0" for r in timed],
    )
    if rows:  # the release's limit; extensions show in the table, not as a line per candidate
        limit = Counter(r.time_limit_s for r in rows).most_common(1)[0][0]
        ax.axvline(limit / 3600, color="black", linestyle="--", linewidth=1, label="time limit")
        ax.legend(loc="lower right")
    ax.set_xlabel("hours used (red: submitted late)")
    save(fig, ax, "time_used.png", "Time used against the limit", not timed)
    return tuple(drawn)


def _table(head: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    # Every cell goes through html.escape: names, messages and check titles all come from outside.
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return f"<table><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr>{cells}</table>"


def _shown(r: CohortRow) -> tuple[str, ...]:
    return (
        r.candidate,
        r.status,
        "" if r.score is None else f"{r.score:g} / {r.max_score:g}",
        f"-{r.penalty:g}" if r.penalty else "",
        "" if r.time_used_s is None else format_duration(r.time_used_s),
        format_duration(r.time_limit_s + r.extension_s),
        format_duration(r.late_s) if r.late_s else "",
        r.submitted_at or "",
        "yes" if r.submitted_by_service else "",
    )


def _html(assignment: Assignment, report: CohortReport, on_roster: int, now: datetime) -> str:
    counts = {"on roster": on_roster, **_counts(report.rows)}
    del counts["candidates"]
    # The statuses every report shows; the rarer ones only when someone is in them.
    always = ("on roster", GRADED, NOT_SUBMITTED, NOT_STARTED, "late")
    headline = " · ".join(f"<b>{n}</b> {k}" for k, n in counts.items() if n or k in always)
    columns = ("candidate", "status", "score", "penalty", "used", "limit", "late", "submitted", "by clock")
    rates = [(i, f"{100 * p:.0f}%") for i, p in report.check_pass_rates.items()]
    images = "".join(
        f'<img alt="{p.stem}" src="data:image/png;base64,{base64.b64encode(p.read_bytes()).decode()}">'
        for p in report.plots
    )
    title = html.escape(f"{assignment.id}: {assignment.title}")
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>Cohort report, {title}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;margin:1em 0}}
td,th{{border:1px solid #ccc;padding:.25em .6em;text-align:left}}img{{max-width:100%;margin:.5em}}</style>
</head><body><h1>Cohort report, {title}</h1>
<p>Written {html.escape(now.isoformat(timespec="seconds"))}. {headline}</p>
{_table(columns, [_shown(r) for r in report.rows])}
<h2>Pass rate per check</h2>{_table(("check", "passed"), rates)}
<h2>Most common failures</h2>{_table(("times", "message"), [(n, m) for m, n in report.common_failures])}
<h2>Plots</h2>{images}
</body></html>
"""


def write_cohort_report(
    *,
    assignment: Assignment,
    roster: list[str],
    attempts: list[CohortAttempt],
    results: list[SubmissionResult],
    out_dir: Path,
    now: datetime,
) -> CohortReport:
    """cohort.csv, cohort.html and three PNG plots in `out_dir`, and what they show."""
    out_dir.mkdir(parents=True, exist_ok=True)
    by_attempt = {a.candidate: a for a in attempts if a.release.assignment == assignment.id}
    by_result = {r.candidate: r for r in results}
    # Roster order first (the mentor's own list), then anyone else who showed up, by name.
    names = list(dict.fromkeys(roster))
    names += sorted((by_attempt.keys() | by_result.keys()) - set(names))
    rows = [_row(n, assignment, by_attempt.get(n), by_result.get(n), now) for n in names]
    graded = [r for r in results if r.status == "graded"]
    rates = _pass_rates(assignment, graded)
    failures = _common_failures(results)
    plots = _plots(rows, rates, out_dir)

    csv_path = out_dir / "cohort.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=[fl.name for fl in fields(CohortRow)])
        writer.writeheader()
        writer.writerows(asdict(r) for r in rows)
    report = CohortReport(
        assignment.id, tuple(rows), out_dir / "cohort.html", csv_path, plots, rates, failures
    )
    report.html.write_text(_html(assignment, report, len(set(roster)), now), encoding="utf-8")
    return report
