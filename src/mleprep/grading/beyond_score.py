"""What grading reports beyond the score, as suggestions: whether a second clean run repeats the
holdout score, a reviewer's report on the code, and the holdout read in the team's own terms.

None of it may cost a candidate their grade: each part that fails becomes a note instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat

from mleprep.core.defaults import HOLDOUT_LABELS_FILE
from mleprep.core.notebook_cells import read_node
from mleprep.course.nbgrader_steps import autograde
from mleprep.course.root import Course
from mleprep.course.spec import Assignment
from mleprep.grading.holdout_checks import OutsideKernelGrader
from mleprep.handin import export_path


def rerun_values(
    course: Course, assignment: Assignment, candidate: str, settings: dict[str, Any], workdir: Path
) -> dict[str, float | None]:
    """The holdout score of each holdout check after one extra clean run (None where it gave none)."""
    autograde(course=course, assignment_id=assignment.id, student_id=candidate, settings=settings)
    grader = OutsideKernelGrader(course, assignment, workdir)
    values: dict[str, float | None] = {}
    for check in (c for c in assignment.checks if c.kind == "holdout"):
        try:
            grader.holdout(check)
            values[check.id] = grader.values[check.id]
        except Exception:  # no export, unreadable export: the second run gave no score
            values[check.id] = None
    return values


def code_report(
    assignment: Assignment,
    submitted: Path,
    graded: nbformat.NotebookNode,
    holdout: dict[str, float],
    second: dict[str, float | None] | None,
    notes: list[str],
) -> dict[str, Any] | None:
    """The reviewer's report on the code; None (with a note) when it could not be made."""
    # Imported here, after the notebook has run (see business_of): ruff's runner and the readers.
    from mleprep.review.code_report import Rerun, review_code

    rerun = None
    check = next((c for c in assignment.checks if c.kind == "holdout" and c.id in holdout), None)
    if second is not None and check is not None and assignment.metric is not None:
        sign = -1 if assignment.metric.is_error else 1  # shown as candidates read the metric
        again = second.get(check.id)
        rerun = Rerun(
            sign * holdout[check.id],
            None if again is None else sign * again,
            assignment.metric.kind.label.replace("_", " "),
        )
    try:
        return review_code(submitted=read_node(submitted), graded=graded, rerun=rerun).to_json()
    except Exception as exc:  # a report is a bonus: it must never cost the candidate their grade
        notes.append(f"the code report could not be made: {exc}")
        return None


def business_of(
    course: Course, assignment: Assignment, workdir: Path, notes: list[str]
) -> dict[str, Any] | None:
    """The [business] reading of the holdout answers; None without one (or without answers)."""
    # Imported here: it brings pandas and scikit-learn (1.4 s), which a lone submission's worker
    # loads while its kernel runs instead of before the kernel can start (fork_server.AFTER_EXECUTION).
    from mleprep.grading.business_reading import business_reading

    check = next((c for c in assignment.checks if c.kind == "holdout"), None)
    if assignment.business is None or check is None:
        return None
    try:
        reading = business_reading(
            assignment=assignment,
            export_file=export_path(check.id, workdir),
            labels_file=course.hidden_dir(assignment.id) / HOLDOUT_LABELS_FILE,
        )
    except Exception as exc:  # no export (the check failed): the check's own message says why
        notes.append(f"the {assignment.business.rows} reading could not be made: {exc}")
        return None
    return reading.to_json() if reading else None
