"""Grade a cohort: every submission gets a result record, whatever it contains.

Submissions are graded in parallel, each by its own fresh worker process (forked from a warm fork
server) under a wall-clock budget. A worker that overruns is killed with every process it or the
notebook started, and the batch goes on. Originals (a folder or a zip) are only read.
"""

from __future__ import annotations

import os
import queue
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import replace
from pathlib import Path

from mleprep.course.nbgrader_steps import ensure_registered
from mleprep.course.root import Course
from mleprep.course.spec import Assignment
from mleprep.grading.archive import submissions_folder
from mleprep.grading.budget import Budget
from mleprep.grading.containment import containment_problem
from mleprep.grading.fork_server import ready_workers
from mleprep.grading.grading_worker import WorkerRun, run_worker
from mleprep.grading.isolation import (
    KERNEL_UID_BASE,
    check_kernel_user,
    claimed_kernel_uids,
    kernels_run_as_root,
    lock_down,
)
from mleprep.grading.results import GradeReport, SubmissionResult, write_reports
from mleprep.grading.submissions import SubmissionError, candidate_folders, loose_notebooks, stage_submission


def _grade_folder(
    course: Course, assignment: Assignment, folder: Path, run: WorkerRun, slots: queue.Queue
) -> SubmissionResult:
    started = time.monotonic()
    try:
        intake = stage_submission(
            folder=folder,
            assignment_id=assignment.id,
            notebook=assignment.notebook,
            submitted_dir=course.submitted_dir,
        )
    except (SubmissionError, OSError) as exc:
        return SubmissionResult.failure(folder.name, assignment, str(exc), seconds=time.monotonic() - started)
    uid = slots.get()  # a kernel uid this batch holds, free while no worker uses it
    try:
        result = run_worker(course, assignment, intake.candidate, run, uid)
    finally:
        slots.put(uid)
    return replace(result, notes=(*intake.notes, *result.notes))


def grade(
    *,
    course: Course,
    assignment_id: str,
    submissions: Path,
    jobs: int | None = None,
    timeout_s: int | None = None,
    memory_bytes: int | None = None,
    candidate: str | None = None,
    out_dir: Path | None = None,
    progress: Callable[[SubmissionResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    plots: bool = False,
    rerun: bool = False,
) -> GradeReport:
    """Grade every candidate folder in `submissions` (a folder or a zip) with `jobs` workers.

    Budgets default to the assignment's [grading] table. `candidate` grades only that folder and
    leaves everyone else's results untouched. Reports (scores.csv, checks.csv, results.json, ...)
    go to `out_dir` (default reports/<id>/), merged with earlier runs by candidate.
    `on_start(total)` is called once the submissions are counted; `progress(result)` per result.
    `plots` draws each graded submission's holdout and calibration-ladder plots into
    `<out_dir>/plots/<candidate>/`.
    `rerun` runs each notebook a second time and reports whether its holdout score repeats (twice
    the time).
    """
    assignment = course.assignment(assignment_id)
    budget = Budget.of(assignment, timeout_s=timeout_s, memory_bytes=memory_bytes)
    jobs = max(1, jobs or os.cpu_count() or 1)
    threads = max(1, (os.cpu_count() or 1) // jobs)
    report = GradeReport(assignment_id, uncontained=containment_problem())
    reports = out_dir or course.reports_dir / assignment_id
    plots_dir = reports / "plots" if plots else None
    run = WorkerRun(budget, threads, report.uncontained is None, reports / "logs", plots_dir, rerun)
    with submissions_folder(submissions) as folder_root:
        folders = candidate_folders(folder_root)
        loose = loose_notebooks(folder_root)
        if candidate is not None:
            folders = [f for f in folders if f.name == candidate]
            loose = []
            if not folders:
                raise SubmissionError(f"no folder named {candidate!r} in {submissions}")
        if on_start is not None:
            on_start(len(folders) + len(loose))
        # The fork server's imports (seconds) and the kernel-user probe (a Python start) run while
        # this process registers the assignment.
        ready_workers(submissions=len(folders))
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mleprep-probe") as probe:
            probed = None if kernels_run_as_root() else probe.submit(check_kernel_user, KERNEL_UID_BASE)
            ensure_registered(course=course, assignment_id=assignment_id)
            if probed is not None:
                probed.result()
        lock_down(course)

        def record(result: SubmissionResult) -> None:
            report.results.append(result)
            if progress is not None:
                progress(result)

        for path in loose:
            message = f"{path.name} lies directly in the submissions folder: put each notebook in a folder "
            record(
                SubmissionResult.failure(
                    path.stem, assignment, message + "named for its candidate", seconds=0
                )
            )
        slots: queue.Queue = queue.Queue()
        with (
            claimed_kernel_uids(jobs) as uids,
            ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="mleprep-grade") as pool,
        ):
            for uid in uids:
                slots.put(uid)
            futures = [pool.submit(_grade_folder, course, assignment, f, run, slots) for f in folders]
            for future in as_completed(futures):
                record(future.result())
    report.results.sort(key=lambda r: r.candidate)
    write_reports(report, assignment, reports)
    return report
