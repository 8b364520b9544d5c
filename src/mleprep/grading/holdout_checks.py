"""Checks scored outside the kernel: holdout quality, the candidate's own estimate of it, and the
answers their functions gave on a hidden variant of the data.

Holdout labels and expected answers are read here, in the grading process, after the candidate's
kernel is gone; the kernel only exported what the candidate's code produced (see handin.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from mleprep.core.defaults import HOLDOUT_LABELS_FILE
from mleprep.course.root import Course
from mleprep.course.spec import Assignment, Check
from mleprep.grading.answers_checks import score_answers
from mleprep.grading.outcomes import classify
from mleprep.grading.probe_checks import ProbeRun
from mleprep.grading.results import CheckResult
from mleprep.grading.scoring import ScoringError, reported_value, score_holdout
from mleprep.handin import export_path

# The kinds scored here, after the kernel is gone, rather than by nbgrader's run of the cell.
OUTSIDE_KERNEL_KINDS = ("holdout", "estimate", "answers", "probe")
WHAT_IS_EXPORTED = {
    "holdout": "the model's answers",
    "estimate": "your estimate",
    "answers": "your answers",
    "probe": "the check's placeholder",
}


class OutsideKernelGrader:
    """Scores the checks of OUTSIDE_KERNEL_KINDS: from the kernel's exports (with labels and expected
    answers read only here) and from the probes' runs."""

    def __init__(
        self, course: Course, assignment: Assignment, workdir: Path, probes: dict[str, ProbeRun] | None = None
    ) -> None:
        self.course, self.assignment, self.workdir = course, assignment, workdir
        self.values: dict[str, float] = {}
        self.probes = probes or {}

    def holdout(self, check: Check) -> tuple[str, float, str]:
        assert self.assignment.task and self.assignment.metric  # guaranteed by spec validation
        labels = self.course.hidden_dir(self.assignment.id) / HOLDOUT_LABELS_FILE
        score = score_holdout(
            export_file=export_path(check.id, self.workdir),
            labels_file=labels,
            task=self.assignment.task,
            metric=self.assignment.metric,
        )
        self.values[check.id] = score.value
        outcome = "passed" if score.credit == 1 else "failed"
        return outcome, round(check.points * score.credit, 4), score.message(self.assignment.metric)

    def score(self, check: Check) -> tuple[str, float, str]:
        """(outcome, points, message) of a check of one of OUTSIDE_KERNEL_KINDS."""
        by_kind = {
            "holdout": self.holdout,
            "estimate": self.estimate,
            "answers": self.answers,
            "probe": self.probe,
        }
        return by_kind[check.kind](check)

    def probe(self, check: Check) -> tuple[str, float, str]:
        run = self.probes.get(check.id)
        if run is None:
            raise ScoringError("the check could not run: the notebook did not finish")
        return ("passed", check.points, run.message) if run.passed else ("failed", 0.0, run.message)

    def answers(self, check: Check) -> tuple[str, float, str]:
        hidden = self.course.hidden_dir(self.assignment.id)
        return score_answers(check, hidden_dir=hidden, workdir=self.workdir)

    def estimate(self, check: Check) -> tuple[str, float, str]:
        assert check.of is not None and check.tolerance is not None
        if check.of not in self.values:
            raise ScoringError(f"it needs the holdout score of {check.of!r}, which could not be computed")
        actual = self.values[check.of]
        assert self.assignment.metric is not None
        if self.assignment.metric.is_error:  # candidates report an error as a positive number
            actual = -actual
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


def score_outside_kernel(
    check: Check,
    cell: dict[str, Any],
    grader: OutsideKernelGrader,
    is_untouched: bool,
    answer_cells: dict[str, Any],
) -> CheckResult:
    base = classify(check, cell=cell, points=0.0, is_untouched=is_untouched, answer_cells=answer_cells)
    if base.outcome != "passed":  # the export cell itself failed: nothing to score
        message = (
            f"could not export {WHAT_IS_EXPORTED[check.kind]}: {base.message}"
            if base.outcome == "error"
            else base.message
        )
        return replace(base, message=message)
    try:
        outcome, points, message = grader.score(check)
    except ScoringError as exc:
        outcome, points, message = "error", 0.0, str(exc)
    return CheckResult(check.id, check.title, check.kind, outcome, points, check.points, message)
