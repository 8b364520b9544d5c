"""`mleprep submit`: stop a candidate's clock and grade their attempt as a mentor's grading would.

The attempt folder is graded through the same batch grader (sandboxed kernel, hidden checks scored
outside it, the late policy from attempt.json); the feedback lands in `<attempt>/feedback/`.
"""

from __future__ import annotations

import getpass
import re
import shutil
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from mleprep.attempts.clock import stop_clock
from mleprep.attempts.feedback_page import write_attempt_feedback
from mleprep.core.defaults import FEEDBACK_DIR, NOT_WORK, SUBMISSION_DIR
from mleprep.course.attempt_record import Attempt
from mleprep.course.root import Course
from mleprep.course.spec import Assignment
from mleprep.grading.results import SubmissionResult
from mleprep.grading.score_ladder import PLOT_FILE, place, read_ladder

# Never sent to the grader: earlier feedback and scratch files are not part of the work.
NOT_SUBMITTED = shutil.ignore_patterns(*NOT_WORK)


def default_candidate() -> str:
    """The login name, as a safe nbgrader student id."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "candidate"
    return re.sub(r"[^A-Za-z0-9_.@-]", "-", name).strip("-.") or "candidate"


@dataclass(frozen=True)
class SubmitReport:
    attempt: Attempt
    result: SubmissionResult
    feedback: Path
    plots: tuple[Path, ...]
    # Where the holdout score stands on the calibration ladder (score_ladder.place), when calibrated.
    ladder: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        r, record = self.result, self.attempt.to_json()
        return {
            "assignment": self.attempt.assignment,
            "candidate": r.candidate,
            "status": r.status,
            "raw_score": r.raw_score,
            "penalty": r.penalty,
            "score": r.score,
            "max_score": r.max_score,
            "manual_max_score": r.manual_max_score,
            "time_used_s": r.time_used_s,
            "late_s": r.late_s,
            "started_at": record["started_at"],
            "deadline": record["deadline"],
            "submitted_at": record["submitted_at"],
            "checks": [c.__dict__ for c in r.checks],
            "notes": list(r.notes),
            "error": r.error,
            "feedback": str(self.feedback),
            "notebook_feedback": r.feedback,
            "plots": [str(p) for p in self.plots],
            "ladder": self.ladder,
            "business": r.business,
            "code_report": r.code_report,
            "writeup": r.writeup,
        }


def submit_attempt(
    *,
    course: Course,
    workspace: Path,
    assignment_id: str,
    now: datetime,
    candidate: str | None = None,
    rerun: bool = False,
) -> SubmitReport:
    """Stop the clock of `workspace/<id>` (once) and grade it with the hidden checks.

    The first submit keeps a snapshot of the attempt folder; every submit grades that snapshot,
    so work changed after the clock stopped is never graded. Exports stay with the attempt.
    `rerun` runs the notebook twice to report whether the holdout score repeats (twice the time).
    """
    from mleprep.grading.batch import grade
    from mleprep.grading.fork_server import ready_workers

    ready_workers(submissions=1)  # the fork server's imports overlap stopping the clock and the snapshot
    attempt = stop_clock(workspace=workspace, assignment_id=assignment_id, now=now)
    candidate = candidate or default_candidate()
    assignment = course.assignment(assignment_id)
    kept = attempt.folder / SUBMISSION_DIR
    snapshot = kept / "work" / candidate
    notes: list[str] = []
    if snapshot.is_dir():
        notes.append(
            f"graded the work as first submitted at {attempt.to_json()['submitted_at']}; "
            "changes made after that are not graded"
        )
    else:
        # Links stay links (intake leaves them out): a snapshot never copies what a link points at.
        shutil.copytree(attempt.folder, snapshot, symlinks=True, ignore=NOT_SUBMITTED)
    report = grade(
        course=course,
        assignment_id=assignment_id,
        submissions=kept / "work",
        candidate=candidate,
        jobs=1,
        out_dir=kept / "reports",
        plots=True,
        rerun=rerun,
    )
    result = report.results[0]
    result = replace(result, notes=(*notes, *result.notes))
    out = attempt.folder / FEEDBACK_DIR
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    # Drawn by the grader, which had the export and the labels at hand.
    plots = [Path(shutil.copy2(p, out / Path(p).name)) for p in result.plots]
    notebook_html = None
    if result.feedback and Path(result.feedback).is_file():
        notebook_html = out / Path(result.feedback).name
        shutil.copy2(result.feedback, notebook_html)
    ladder = _placed_on_ladder(course, assignment, result, plots)
    page = write_attempt_feedback(
        out / "index.html",
        assignment=assignment,
        attempt=attempt,
        result=result,
        plots=plots,
        notebook_html=notebook_html,
        ladder_text=ladder["text"] if ladder else None,
    )
    return SubmitReport(attempt, result, page, tuple(plots), ladder)


def _placed_on_ladder(
    course: Course, assignment: Assignment, result: SubmissionResult, plots: list[Path]
) -> dict[str, Any] | None:
    """The holdout score on the calibration ladder, with the grader's plot of it among `plots`;
    None without either."""
    check = next((c for c in assignment.checks if c.kind == "holdout"), None)
    if check is None or assignment.metric is None or check.id not in result.holdout:
        return None
    ladder = read_ladder(course.source_dir / assignment.id, check_id=check.id, metric=assignment.metric)
    if ladder is None:
        return None
    placed = place(ladder, result.holdout[check.id], assignment.metric).to_json()
    plot = next((str(p) for p in plots if p.name == PLOT_FILE), None)
    return {**placed, "plot": plot}
