"""Late penalties through nbgrader's own late-submission plugin, measured from a candidate's attempt.

nbgrader measures lateness against one course-wide due date; a timed take-home has a deadline per
candidate (their start + the time limit), recorded in the attempt.json that travels with the
submission. nbgrader's AssignLatePenalties also runs before mleprep writes the holdout scores into
the gradebook, so its penalty would miss them: `penalise` runs the configured plugin
again once the score is final and stores the result in nbgrader's `late_submission_penalty`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import Any

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float, Instance

from mleprep.course.attempt_record import Attempt, AttemptError, read_attempt
from mleprep.course.late_policy import LatePolicy
from mleprep.course.root import Course
from mleprep.course.spec import Assignment

TIMESTAMP_FILE = "timestamp.txt"


class AttemptLatePenalty(LateSubmissionPlugin):
    """Applies assignment.toml's [late_policy]; without one, nbgrader's own `penalty_method`."""

    policy = Instance(LatePolicy, allow_none=True, help="The assignment's late policy.")
    max_score = Float(0.0, help="Points a fraction in the policy is taken of.")

    def late_submission_penalty(
        self, student_id: str, score: float, total_seconds_late: float
    ) -> float | None:
        if self.policy is None:
            return super().late_submission_penalty(student_id, score, total_seconds_late)
        return self.policy.penalty(score=score, max_score=self.max_score, seconds_late=total_seconds_late)


@dataclass(frozen=True)
class Lateness:
    attempt: Attempt
    late_s: float
    penalty: float

    @property
    def time_used_s(self) -> float:
        assert self.attempt.submitted_at is not None
        return self.attempt.time_used_s(self.attempt.submitted_at)


def submitted_attempt(folder: Path, assignment: Assignment) -> tuple[Attempt | None, str | None]:
    """The attempt record a submission carries, if it is usable, and a note when it is not."""
    try:
        attempt = read_attempt(folder)
    except AttemptError as exc:
        return None, f"attempt.json ignored, no late policy applied: {exc}"
    if attempt is None:
        return None, None
    if attempt.assignment != assignment.id:
        return (
            None,
            f"attempt.json is for {attempt.assignment!r}, not {assignment.id!r}: no late policy applied",
        )
    if attempt.submitted_at is None:
        return (
            None,
            "attempt.json has no submission time (not submitted with `mleprep submit`): lateness unknown",
        )
    return attempt, None


def write_timestamp(folder: Path, attempt: Attempt) -> None:
    """nbgrader's own record of when the work was handed in, read by its autograde step."""
    assert attempt.submitted_at is not None
    moment = attempt.submitted_at.astimezone(UTC)
    (folder / TIMESTAMP_FILE).write_text(moment.strftime("%Y-%m-%d %H:%M:%S.%f UTC"), encoding="utf-8")


def penalise(
    gb: Any, *, course: Course, assignment: Assignment, candidate: str, attempt: Attempt
) -> Lateness:
    """Run the course's late-submission plugin on the final score and record its penalty, in the
    caller's open gradebook session `gb` (the caller commits, with the scores it wrote)."""
    assert attempt.submitted_at is not None
    late_s = attempt.late_s(attempt.submitted_at)
    config = course.nbgrader_config()
    plugin_class = config.AssignLatePenalties.get("plugin_class", AttemptLatePenalty)
    if isinstance(plugin_class, str):  # the course's config names it, as traitlets allows
        from traitlets.utils.importstring import import_item

        plugin_class = import_item(plugin_class)
    plugin = plugin_class(config=config)
    if isinstance(plugin, AttemptLatePenalty):
        plugin.policy = assignment.late_policy
        plugin.max_score = assignment.auto_points
    notebook_id = Path(assignment.notebook).stem
    gb.db.flush()  # the score nbgrader computes in SQL must see grades written in this session
    notebook = gb.find_submission_notebook(notebook_id, assignment.id, candidate)
    gb.db.refresh(notebook)
    penalty = None
    if late_s > 0:
        penalty = plugin.late_submission_penalty(candidate, notebook.score, late_s)
    if penalty is not None:
        # nbgrader's own bounds (AssignLatePenalties._check_late_penalty).
        penalty = min(max(0.0, float(penalty)), float(notebook.score))
    notebook.late_submission_penalty = penalty
    return Lateness(attempt, late_s, round(penalty or 0.0, 4))
