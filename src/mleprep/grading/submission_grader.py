"""Grade one staged submission: nbgrader autograde in a sandboxed kernel, holdout scoring outside
the kernel, notes on tampering and budgets, and nbgrader's feedback.

Runs in a fresh worker process per submission (grading_worker.py forks it from a warm fork server), so
that whatever the candidate's notebook does to its kernel or to nbgrader, the batch survives.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import nbformat

from mleprep.core.defaults import AUTHOR_NOTES
from mleprep.core.durations import format_duration
from mleprep.core.notebook_cells import read_node
from mleprep.core.sizes import format_size
from mleprep.course.attempt_record import Attempt
from mleprep.course.nbgrader_steps import NbgraderStepError, autograde, generate_feedback, open_gradebook
from mleprep.course.root import Course
from mleprep.course.spec import Assignment
from mleprep.grading.answers_checks import stage_variant
from mleprep.grading.beyond_score import business_of, code_report, rerun_values
from mleprep.grading.budget import Budget
from mleprep.grading.containment import containment_problem
from mleprep.grading.feedback_redaction import GRADER_MESSAGE_KEY
from mleprep.grading.holdout_checks import OUTSIDE_KERNEL_KINDS, OutsideKernelGrader, score_outside_kernel
from mleprep.grading.isolation import claimed_kernel_uids, reclaim, submission_sandbox
from mleprep.grading.late_penalty import Lateness, penalise, submitted_attempt, write_timestamp
from mleprep.grading.outcomes import classify, notebook_cells, released_answers, run_notes, untouched
from mleprep.grading.probe_checks import ProbeRun, run_probes
from mleprep.grading.results import CheckResult, SubmissionResult
from mleprep.grading.submission_plots import draw_plots_aside
from mleprep.grading.tampering import tampering_notes

KERNEL_DIED = ("DeadKernelError", "Kernel died", "kernel died")


def _grader_message(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output(
        "display_data",
        data={"text/plain": f"Grader: {text}", "text/markdown": f"**Grader:** {text}"},
        metadata={GRADER_MESSAGE_KEY: True},
    )


def _record_scores(
    course: Course,
    assignment: Assignment,
    candidate: str,
    overrides: dict[str, float],
    attempt: Attempt | None,
    comments: dict[str, str],
) -> tuple[dict[str, float], Lateness | None]:
    """Write mleprep's holdout scores, the late penalty and the automatic review of written parts
    (as nbgrader's auto comments, which formgrader shows the mentor and feedback shows the candidate)
    into the gradebook, in one session; nbgrader's auto scores per check and the lateness come back."""
    notebook_id = Path(assignment.notebook).stem
    scores = {}
    lateness = None
    with open_gradebook(course) as gb:
        for check in assignment.checks:
            grade = gb.find_grade(check.id, notebook_id, assignment.id, candidate)
            if check.id in overrides:
                grade.auto_score = overrides[check.id]
            scores[check.id] = float(grade.auto_score or 0.0)
        for part_id, text in comments.items():
            with contextlib.suppress(Exception):  # a part nbgrader keeps no comment for
                gb.find_comment(part_id, notebook_id, assignment.id, candidate).auto_comment = text
        if attempt is not None:
            lateness = penalise(
                gb, course=course, assignment=assignment, candidate=candidate, attempt=attempt
            )
        gb.db.commit()
    return scores, lateness


def _autograde_failure(exc: NbgraderStepError, budget: Budget, log: Path) -> str:
    text = f"{exc}\n{exc.log}"
    if any(marker in text for marker in KERNEL_DIED):
        return (
            "the kernel died while running the notebook (the notebook's code ended the Python process: "
            "os._exit, os.kill, a crash in compiled code, or memory beyond the "
            f"budget of {format_size(budget.memory_bytes)}); its last output is in {log}"
        )
    return f"nbgrader could not autograde the notebook: {exc} (log: {log})"


def _score_checks(
    course: Course,
    assignment: Assignment,
    candidate: str,
    nb: nbformat.NotebookNode,
    workdir: Path,
    attempt: Attempt | None,
    comments: dict[str, str],
    probes: dict[str, ProbeRun],
) -> tuple[tuple[CheckResult, ...], Lateness | None, dict[str, float]]:
    cells, answer_cells, answers = notebook_cells(nb)
    stubs = released_answers(course.release_dir / assignment.id / assignment.notebook)

    grader = OutsideKernelGrader(course, assignment, workdir, probes)
    outside: dict[str, CheckResult] = {}
    # Holdout checks first: estimate checks compare with their scores.
    for check in sorted(assignment.checks, key=lambda c: c.kind != "holdout"):
        if check.kind in OUTSIDE_KERNEL_KINDS:
            result = score_outside_kernel(
                check, cells.get(check.id), grader, untouched(check, answers, stubs), answer_cells
            )
            outside[check.id] = result
            if check.id in cells:
                cells[check.id].outputs.append(
                    _grader_message(
                        f"{result.outcome}, {result.points:g} / {result.max_points:g}: {result.message}"
                    )
                )
    overrides = {k: r.points for k, r in outside.items()}
    scores, lateness = _record_scores(course, assignment, candidate, overrides, attempt, comments)
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
    return checks, lateness, dict(grader.values)


def grade_submission(
    *,
    course: Course,
    assignment_id: str,
    candidate: str,
    budget: Budget,
    uid: int | None = None,
    threads: int = 1,
    contain: bool | None = None,
    token: str | None = None,
    log_file: Path | None = None,
    plots_dir: Path | None = None,
    rerun: bool = False,
    on_kernel_ready: Callable[[], None] | None = None,
) -> SubmissionResult:
    """Grade submitted/<candidate>/<assignment_id>/ into the gradebook and write its feedback.

    `uid` is the unprivileged user the kernel runs as when grading as root, claimed by the batch
    (`isolation.claimed_kernel_uids`); None claims one for this call. `threads` is how many BLAS
    threads the kernel may use. `on_kernel_ready` is called once the graded run's kernel answers,
    when this process only waits for it.
    """
    started = time.monotonic()
    assignment = course.assignment(assignment_id)
    workdir = course.autograded_dir / candidate / assignment_id
    released = course.release_dir / assignment_id / assignment.notebook
    submitted = course.submitted_dir / candidate / assignment_id / assignment.notebook
    notes = tampering_notes(submitted=submitted, released=released)
    attempt, attempt_note = submitted_attempt(submitted.parent, assignment)
    if attempt_note:
        notes.append(attempt_note)
    if attempt is not None:
        write_timestamp(submitted.parent, attempt)

    def failed(message: str) -> SubmissionResult:
        return SubmissionResult.failure(
            candidate, assignment, message, seconds=time.monotonic() - started, notes=tuple(notes)
        )

    if contain is None:
        contain = containment_problem() is None
    second: dict[str, float | None] | None = None
    with contextlib.ExitStack() as stack:
        if uid is None:
            (uid,) = stack.enter_context(claimed_kernel_uids(1))
        if rerun:
            # A run first, in a sandbox of its own, scored and thrown away: the graded run after it is
            # as clean as without --rerun, and a rerun that fails costs nothing but its report.
            try:
                with submission_sandbox(
                    budget=budget, uid=uid, threads=threads, contain=contain, token=token
                ) as first_settings:
                    second = rerun_values(course, assignment, candidate, first_settings, workdir)
            except Exception as exc:
                notes.append(
                    f"the second run for the code report failed, so reproducibility is unknown: {exc}"
                )
            finally:
                reclaim(workdir)
        settings = stack.enter_context(
            submission_sandbox(budget=budget, uid=uid, threads=threads, contain=contain, token=token)
        )
        if on_kernel_ready is not None:
            settings = {**settings, "Execute": {**settings.get("Execute", {})}}
            settings["Execute"]["on_notebook_start"] = lambda **_: on_kernel_ready()
        try:
            autograde(
                course=course,
                assignment_id=assignment_id,
                student_id=candidate,
                settings=settings,
                stage=partial(stage_variant, course.hidden_dir(assignment_id)),
                # Author notes describe the trap and the variant: never beside the candidate's code.
                keep=(AUTHOR_NOTES, *assignment.package_paths),
            )
        except NbgraderStepError as exc:
            # nbgrader's log (and the kernel's last output, printed to the same file) for the mentor.
            print(exc.log, file=sys.stderr, flush=True)
            log = log_file or course.reports_dir / assignment_id / "logs" / f"{candidate}.log"
            reclaim(workdir)
            return failed(_autograde_failure(exc, budget, log))
        try:
            # In the same sandbox, after the kernel: the candidate's files, never the notebook's state.
            probes = run_probes(
                assignment=assignment,
                hidden_dir=course.hidden_dir(assignment_id),
                workdir=workdir,
                timeout_s=budget.timeout_s,
            )
        finally:
            reclaim(workdir)
    # The reviewers of written answers compile their readers at import: needed only from here on.
    from mleprep.review.written_answers import reviewed_writeups, written_answer_notes

    nb_path = workdir / assignment.notebook
    nb = read_node(nb_path)
    # Before the feedback: nbgrader's feedback shows the late penalty stored in the gradebook.
    try:
        writeups = reviewed_writeups(nb, assignment)
    except Exception as exc:  # a suggestion must never cost the grade
        writeups = {}
        notes.append(f"the automatic review of the written parts failed: {exc}")
    comments = {part: review.note(part) for part, review in writeups.items()}
    checks, lateness, holdout = _score_checks(
        course, assignment, candidate, nb, workdir, attempt, comments, probes
    )
    notes += run_notes(nb, budget)
    notes += written_answer_notes(nb, assignment, course.root)
    plots_drawn = (
        draw_plots_aside(
            course=course, assignment=assignment, workdir=workdir, holdout=holdout, out_dir=plots_dir
        )
        if plots_dir is not None
        else lambda: ((), [])
    )
    code = code_report(assignment, submitted, nb, holdout, second if rerun else None, notes)
    business = business_of(course, assignment, workdir, notes)
    nbformat.write(nb, nb_path)
    raw_score = round(sum(c.points for c in checks), 4)
    if lateness is not None and lateness.penalty:
        notes.append(
            f"submitted {format_duration(lateness.late_s)} after the deadline: "
            f"{lateness.penalty:g} points off ({assignment.late_policy.describe()})"
        )
    feedback = None
    try:
        generate_feedback(course=course, assignment_id=assignment_id, student_id=candidate)
        feedback = str(
            course.feedback_dir / candidate / assignment_id / f"{Path(assignment.notebook).stem}.html"
        )
    except NbgraderStepError as exc:
        notes.append(f"feedback could not be generated: {exc}")
    plots, plot_notes = plots_drawn()
    notes += plot_notes
    return SubmissionResult(
        candidate,
        "graded",
        round(raw_score - (lateness.penalty if lateness else 0.0), 4),
        assignment.auto_points,
        checks,
        feedback=feedback,
        notes=tuple(notes),
        plots=plots,
        manual_max_score=assignment.manual_points,
        seconds=round(time.monotonic() - started, 2),
        raw_score=raw_score,
        penalty=lateness.penalty if lateness else 0.0,
        late_s=round(lateness.late_s, 1) if lateness else None,
        time_used_s=round(lateness.time_used_s, 1) if lateness else None,
        holdout={k: round(v, 6) for k, v in holdout.items()},
        code_report=code,
        writeup={part: review.to_json() for part, review in writeups.items()},
        business=business,
    )
