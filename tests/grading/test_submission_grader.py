"""Does one staged submission come out graded, scored outside its kernel, with redacted feedback?"""

from __future__ import annotations

from pathlib import Path

from mleprep.course.nbgrader_steps import NbgraderStepError, ensure_registered
from mleprep.course.root import Course
from mleprep.course.spec import Assignment
from mleprep.grading.budget import Budget
from mleprep.grading.submission_grader import _autograde_failure, grade_submission
from mleprep.grading.submissions import stage_submission
from tests.conftest import REPO, copy_course, write_submission


def _staged_reference(tmp_path: Path) -> tuple[Course, Assignment]:
    """A course copy with the reference notebook staged as candidate "ref", ready to grade."""
    course = copy_course(tmp_path / "course")
    assignment = course.assignment("churn")
    folder = write_submission(
        tmp_path / "subs", "ref", (REPO / "source" / "churn" / "churn.ipynb").read_text()
    ).parent
    stage_submission(
        folder=folder, assignment_id="churn", notebook="churn.ipynb", submitted_dir=course.submitted_dir
    )
    ensure_registered(course=course, assignment_id="churn")
    return course, assignment


def test_a_reference_submission_is_graded_in_process_with_its_feedback(tmp_path: Path) -> None:
    course, assignment = _staged_reference(tmp_path)
    kernel_ready = []
    result = grade_submission(
        course=course,
        assignment_id="churn",
        candidate="ref",
        budget=Budget.of(assignment),
        plots_dir=tmp_path / "plots",
        on_kernel_ready=lambda: kernel_ready.append(True),
    )
    assert result.status == "graded" and result.score == result.max_score == assignment.auto_points
    assert kernel_ready == [True]  # once, when the graded run's kernel answered
    # Drawn in a child process while the feedback was written.
    assert {Path(p).name for p in result.plots} == {"roc_curve.png", "confusion_matrix.png", "ladder.png"}
    assert all(Path(p).stat().st_size > 5000 for p in result.plots)
    assert {c.outcome for c in result.checks} == {"passed"}
    feedback = Path(result.feedback or "")
    assert feedback.is_file()
    html = feedback.read_text()
    # Hidden cells show their outcome, never their source.
    assert "BEGIN HIDDEN TESTS" not in html and "export_responses" not in html
    assert "Grader:" in html
    # nbgrader copies the source's files beside the notebook; the author's notes (the trap) are kept out.
    workdir = course.autograded_dir / "ref" / "churn"
    assert (workdir / "data" / "train.csv").is_file() and not (workdir / "README.md").exists()


def test_a_dead_kernel_is_reported_as_such_with_the_memory_budget(tmp_path: Path) -> None:
    budget = Budget(timeout_s=60, memory_bytes=10**9, output_bytes=10**6)
    died = NbgraderStepError("autograde failed", "[ERROR] Kernel died while waiting for execute reply.")
    log = Path("/course/reports/churn/logs/alice.log")
    message = _autograde_failure(died, budget, log)
    assert message.startswith("the kernel died while running the notebook") and "1 GB" in message
    assert message.endswith(f"its last output is in {log}")
    other = _autograde_failure(NbgraderStepError("bad metadata", "[ERROR] something else"), budget, log)
    assert other == f"nbgrader could not autograde the notebook: bad metadata (log: {log})"


def test_a_second_run_that_fails_costs_the_grade_nothing(tmp_path: Path, monkeypatch) -> None:
    import mleprep.grading.submission_grader as grader

    def broken_rerun(*args: object, **kwargs: object) -> None:
        raise NbgraderStepError("autograde failed", "[ERROR] Timeout waiting for execute reply")

    monkeypatch.setattr(grader, "rerun_values", broken_rerun)
    course, assignment = _staged_reference(tmp_path)
    result = grade_submission(
        course=course, assignment_id="churn", candidate="ref", budget=Budget.of(assignment), rerun=True
    )
    assert result.status == "graded" and result.score == assignment.auto_points
    assert any("reproducibility is unknown" in n for n in result.notes), result.notes
    assert result.code_report is not None and result.code_report["rerun"] is None


def test_a_link_that_reached_submitted_by_another_way_is_not_copied_beside_the_notebook(
    tmp_path: Path,
) -> None:
    # Intake leaves links out; a folder collected another way (an exchange) may still hold one.
    course, assignment = _staged_reference(tmp_path)
    hidden_labels = course.hidden_dir("churn") / "holdout_labels.csv"
    (course.submitted_dir / "ref" / "churn" / "answers.csv").symlink_to(hidden_labels)
    result = grade_submission(
        course=course, assignment_id="churn", candidate="ref", budget=Budget.of(assignment)
    )
    assert result.status == "graded" and result.score == result.max_score
    assert not (course.autograded_dir / "ref" / "churn" / "answers.csv").exists()
