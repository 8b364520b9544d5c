"""Grade one staged submission: nbgrader autograde, holdout scoring outside the kernel, feedback.

Runs in a worker process per submission (see batch.py), so that whatever the candidate's notebook
does to its kernel or to nbgrader, the batch survives. `python -m mleprep.grading` is that worker.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import nbformat

from mleprep.course import Course
from mleprep.feedback_redaction import GRADER_MESSAGE_KEY
from mleprep.handin import export_path
from mleprep.nbgrader_steps import NbgraderStepError, autograde, generate_feedback, open_gradebook
from mleprep.outcomes import classify, released_answers, untouched
from mleprep.results import CheckResult, SubmissionResult
from mleprep.scoring import ScoringError, reported_value, score_holdout
from mleprep.spec import Assignment, Check

LABELS_FILE = "holdout_labels.csv"


def _grader_message(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output(
        "display_data",
        data={"text/plain": f"Grader: {text}", "text/markdown": f"**Grader:** {text}"},
        metadata={GRADER_MESSAGE_KEY: True},
    )


class _HoldoutGrader:
    """Scores holdout and estimate checks from the kernel's exports, with labels read only here."""

    def __init__(self, course: Course, assignment: Assignment, workdir: Path) -> None:
        self.course, self.assignment, self.workdir = course, assignment, workdir
        self.values: dict[str, float] = {}

    def holdout(self, check: Check) -> tuple[str, float, str]:
        assert self.assignment.task and self.assignment.metric  # guaranteed by spec validation
        labels = self.course.hidden_dir(self.assignment.id) / LABELS_FILE
        score = score_holdout(
            export_file=export_path(check.id, self.workdir),
            labels_file=labels,
            task=self.assignment.task,
            metric=self.assignment.metric,
        )
        self.values[check.id] = score.value
        outcome = "passed" if score.credit == 1 else "failed"
        return outcome, round(check.points * score.credit, 4), score.message(self.assignment.metric)

    def estimate(self, check: Check) -> tuple[str, float, str]:
        assert check.of is not None and check.tolerance is not None
        if check.of not in self.values:
            raise ScoringError(f"it needs the holdout score of {check.of!r}, which could not be computed")
        actual = self.values[check.of]
        reported = reported_value(export_path(check.id, self.workdir))
        gap = abs(reported - actual)
        text = f"your estimate {reported:.4f}, the holdout gave {actual:.4f}: off by {gap:.4f}"
        if gap <= check.tolerance:
            return "passed", check.points, f"{text}, within {check.tolerance:g}."
        hint = "higher than" if reported > actual else "lower than"
        return (
            "failed",
            0.0,
            (
                f"{text} (allowed {check.tolerance:g}); the estimate is {hint} what new data "
                "gives: was it measured on data the model was fitted on?"
            ),
        )


def _score_outside_kernel(
    check: Check,
    cell: dict[str, Any],
    grader: _HoldoutGrader,
    is_untouched: bool,
    answer_cells: dict[str, Any],
) -> CheckResult:
    base = classify(check, cell=cell, points=0.0, is_untouched=is_untouched, answer_cells=answer_cells)
    if base.outcome != "passed":  # the export cell itself failed: nothing to score
        message = (
            f"could not export the model's answers: {base.message}"
            if base.outcome == "error"
            else base.message
        )
        return replace(base, message=message)
    try:
        outcome, points, message = (grader.holdout if check.kind == "holdout" else grader.estimate)(check)
    except ScoringError as exc:
        outcome, points, message = "error", 0.0, str(exc)
    return CheckResult(check.id, check.title, check.kind, outcome, points, check.points, message)


def _gradebook_scores(
    course: Course, assignment: Assignment, candidate: str, overrides: dict[str, float]
) -> dict[str, float]:
    """nbgrader's auto scores per check, after writing mleprep's holdout scores into the gradebook."""
    notebook_id = Path(assignment.notebook).stem
    scores = {}
    with open_gradebook(course) as gb:
        for check in assignment.checks:
            grade = gb.find_grade(check.id, notebook_id, assignment.id, candidate)
            if check.id in overrides:
                grade.auto_score = overrides[check.id]
            scores[check.id] = float(grade.auto_score or 0.0)
        gb.db.commit()
    return scores


def grade_submission(
    *, course: Course, assignment_id: str, candidate: str, timeout_s: int
) -> SubmissionResult:
    """Grade submitted/<candidate>/<assignment_id>/ into the gradebook and write its feedback."""
    started = time.monotonic()
    assignment = course.assignment(assignment_id)

    def failed(message: str) -> SubmissionResult:
        return SubmissionResult.failure(candidate, assignment, message, seconds=time.monotonic() - started)

    try:
        autograde(course=course, assignment_id=assignment_id, student_id=candidate, cell_timeout_s=timeout_s)
    except NbgraderStepError as exc:
        return failed(f"nbgrader could not autograde the notebook: {exc}")
    workdir = course.autograded_dir / candidate / assignment_id
    nb_path = workdir / assignment.notebook
    nb = nbformat.read(nb_path, as_version=4)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    answer_cells = {gid: c for gid, c in cells.items() if c.metadata.get("nbgrader", {}).get("solution")}
    answers = {gid: c.source for gid, c in answer_cells.items()}
    stubs = released_answers(course.release_dir / assignment_id / assignment.notebook)

    grader = _HoldoutGrader(course, assignment, workdir)
    outside: dict[str, CheckResult] = {}
    # Holdout checks first: estimate checks compare with their scores.
    for check in sorted(assignment.checks, key=lambda c: c.kind != "holdout"):
        if check.kind in ("holdout", "estimate"):
            result = _score_outside_kernel(
                check, cells.get(check.id), grader, untouched(check, answers, stubs), answer_cells
            )
            outside[check.id] = result
            if check.id in cells:
                cells[check.id].outputs.append(
                    _grader_message(
                        f"{result.outcome}, {result.points:g} / {result.max_points:g}: {result.message}"
                    )
                )
    scores = _gradebook_scores(course, assignment, candidate, {k: r.points for k, r in outside.items()})
    checks = tuple(
        outside.get(check.id)
        or classify(
            check,
            cell=cells.get(check.id),
            points=scores[check.id],
            is_untouched=untouched(check, answers, stubs),
            answer_cells=answer_cells,
        )
        for check in assignment.checks
    )
    nbformat.write(nb, nb_path)
    feedback = None
    notes: list[str] = []
    try:
        generate_feedback(course=course, assignment_id=assignment_id, student_id=candidate)
        feedback = str(
            course.feedback_dir / candidate / assignment_id / f"{Path(assignment.notebook).stem}.html"
        )
    except NbgraderStepError as exc:
        notes.append(f"feedback could not be generated: {exc}")
    return SubmissionResult(
        candidate,
        "graded",
        round(sum(c.points for c in checks), 4),
        assignment.auto_points,
        checks,
        feedback=feedback,
        notes=tuple(notes),
        manual_max_score=assignment.manual_points,
        seconds=round(time.monotonic() - started, 2),
    )


def main(argv: list[str] | None = None) -> int:
    """Worker entry point: grade one staged submission and print its result as one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m mleprep.grading", description=main.__doc__)
    parser.add_argument("--course", type=Path, required=True)
    parser.add_argument("--assignment", required=True)
    parser.add_argument("--candidate", required=True)
    parser.add_argument("--timeout", type=int, required=True)
    args = parser.parse_args(argv)
    result = grade_submission(
        course=Course(args.course.resolve()),
        assignment_id=args.assignment,
        candidate=args.candidate,
        timeout_s=args.timeout,
    )
    sys.stdout.write("\n" + json.dumps(result.to_json()) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
