"""Prove an assignment is sound by grading it for real in a scratch copy of the course.

Sound means: its reference solution earns full marks, the untouched starter earns 0 as
"not attempted" without crashing, a dummy baseline fails every holdout quality check (for an
analysis take-home: the public answers typed in fail every answers check), its data files match
their recorded sha256, and the committed release is in sync and leak-free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mleprep.authoring.trial_grading import Trial
from mleprep.core.checksums import checksum_problems
from mleprep.core.defaults import EXPECTED_ANSWERS_FILE, REFERENCE_DIR, VARIANT_DIR
from mleprep.core.notebook_cells import read_notebook
from mleprep.core.toml_data import SpecError
from mleprep.course.root import Course
from mleprep.course.spec import Assignment
from mleprep.grading.results import SubmissionResult
from mleprep.review.written_answers import reviewed_answers

# The checks a dummy model, or answers typed in, must fail.
QUALITY_KINDS = ("holdout", "answers")


@dataclass
class VerifyResult:
    id: str
    ok: bool = False
    reference: dict[str, Any] = field(default_factory=dict)
    starter: dict[str, Any] = field(default_factory=dict)
    baseline: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ok": self.ok,
            "reference": self.reference,
            "starter": self.starter,
            "baseline": self.baseline,
            "problems": self.problems,
        }


def written_answer_problems(course: Course, assignment: Assignment) -> list[str]:
    """A reference story must model the advice: every STAR part, and a number in the result."""
    nb = read_notebook(assignment.folder / assignment.notebook)
    try:
        reviewed = reviewed_answers(nb, assignment, course.root)
    except SpecError as exc:
        return [str(exc)]
    problems = []
    for part_id, (question, review) in reviewed.items():
        if review is None:
            problems.append(f"the reference has no answer in {part_id!r}")
        elif question.stage == "hiring_manager" and review.structure_score < 5:
            missing = [p for p, ok in review.star.items() if not ok]
            missing += [] if review.quantified_result else ["a number in the result"]
            problems.append(f"the reference answer {part_id!r} lacks {', '.join(missing)}")
    return problems


def hidden_material_problems(course: Course, assignment: Assignment) -> list[str]:
    """The reference's package files where [package] asks for them; for answers checks, the variant
    and the reference's answers on it."""
    from mleprep.grading.answers_checks import read_expected
    from mleprep.grading.probe_checks import probe_file

    hidden = course.hidden_dir(assignment.id)
    problems = [
        f"{hidden / REFERENCE_DIR / rel} is missing: verify submits the reference's [package] from there"
        for rel in assignment.package_paths
        if not (hidden / REFERENCE_DIR / rel).exists()
    ]
    problems += [
        f"{probe_file(hidden, c)} is missing: a probe check runs that script"
        for c in assignment.checks
        if c.kind == "probe" and not probe_file(hidden, c).is_file()
    ]
    checks = [c.id for c in assignment.checks if c.kind == "answers"]
    if not checks:
        return problems
    if not (hidden / VARIANT_DIR).is_dir():
        problems.append(
            f"{hidden / VARIANT_DIR} is missing: answers checks run on a hidden variant of the data"
        )
    expected = read_expected(hidden)
    if missing := [c for c in checks if not expected.get(c)]:
        problems.append(
            f"{hidden / EXPECTED_ANSWERS_FILE} has no answers for {', '.join(missing)}: "
            f"run mleprep calibrate {assignment.id} --write"
        )
    return problems


def _summary(result: SubmissionResult) -> dict[str, Any]:
    return {
        "status": result.status,
        "score": result.score,
        "max_score": result.max_score,
        "outcomes": {c.id: c.outcome for c in result.checks},
        "messages": {c.id: c.message for c in result.checks if c.outcome != "passed"},
        "error": result.error,
    }


def _judge(outcome: VerifyResult, results: dict[str, SubmissionResult], quality_ids: list[str]) -> None:
    ref, starter = results["reference"], results["starter"]
    if ref.status != "graded" or ref.score != ref.max_score:
        wrong = [f"{c.id} {c.outcome}: {c.message}" for c in ref.checks if c.outcome != "passed"]
        outcome.problems.append(
            f"the reference solution does not earn full marks ({ref.score}/{ref.max_score}): "
            + ("; ".join(wrong) or str(ref.error))
        )
    if starter.status != "graded" or starter.score != 0:
        outcome.problems.append(
            f"the untouched starter should score 0, it got {starter.score} ({starter.error})"
        )
    elif bad := [c.id for c in starter.checks if c.outcome != "not attempted"]:
        outcome.problems.append(f"the untouched starter should be 'not attempted' everywhere, not in {bad}")
    if "baseline" in results:
        base = results["baseline"]
        # Failing is not enough for answers typed in: a key that carries over to the variant earns points.
        passed = [
            c.id
            for c in base.checks
            if c.id in quality_ids and (c.outcome != "failed" or (c.kind == "answers" and c.points > 0))
        ]
        if base.status != "graded" or passed:
            outcome.problems.append(
                f"the dummy baseline should fail the quality checks, but {passed or base.error}"
            )


def verify_assignment(*, course: Course, assignment_id: str) -> VerifyResult:
    """Verify one assignment; problems are listed, never raised."""
    from mleprep.authoring.leak_scan import scan_release
    from mleprep.authoring.release import release_drift

    outcome = VerifyResult(assignment_id)
    try:
        assignment = course.assignment(assignment_id)
        outcome.problems += checksum_problems(assignment.folder / "data")
        outcome.problems += checksum_problems(course.hidden_dir(assignment_id))
        outcome.problems += release_drift(course=course, assignment_id=assignment_id)
        outcome.problems += checksum_problems(course.hidden_dir(assignment_id) / VARIANT_DIR)
        outcome.problems += written_answer_problems(course, assignment)
        outcome.problems += hidden_material_problems(course, assignment)
        committed = course.release_dir / assignment_id
        if committed.is_dir():
            leaks = scan_release(
                committed, assignment=assignment, hidden_dir=course.hidden_dir(assignment_id)
            )
            outcome.problems += [f"assignments/{assignment_id}/{leak}" for leak in leaks]
        with Trial(course, assignment_id) as trial:
            trial.add("reference", trial.reference)
            trial.add("starter", trial.starter, package_from=trial.starter_folder)
            if (baseline := trial.baseline) is not None:
                trial.add("baseline", baseline)
            elif any(c.kind in QUALITY_KINDS for c in assignment.checks):
                outcome.problems.append(
                    f"{trial.baseline_file} is missing: nothing proves the holdout or answers checks fail "
                    "a dummy model or typed-in answers"
                )
            results = trial.grade()
        outcome.reference, outcome.starter = _summary(results["reference"]), _summary(results["starter"])
        if "baseline" in results:
            outcome.baseline = _summary(results["baseline"])
        _judge(outcome, results, [c.id for c in assignment.checks if c.kind in QUALITY_KINDS])
    except Exception as exc:  # a broken assignment is a finding of verify, not a crash of it
        outcome.problems.append(f"{type(exc).__name__}: {exc}")
    outcome.ok = not outcome.problems
    return outcome


def verify(*, course: Course, assignment_ids: list[str] | None = None) -> list[VerifyResult]:
    """Verify the given assignments (default: all of them)."""
    return [
        verify_assignment(course=course, assignment_id=i) for i in assignment_ids or course.assignment_ids()
    ]
