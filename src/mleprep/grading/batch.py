"""Grade a cohort: every submission gets a result record, whatever it contains.

Submissions are graded in parallel, each by its own fresh worker process (forked from a warm fork
server) under a wall-clock budget. A worker that overruns is killed with every process it or the
notebook started, and the batch goes on. Originals (a folder or a zip) are only read.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import os
import queue
import sys
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path

from mleprep.core.durations import format_duration
from mleprep.course.nbgrader_steps import ensure_registered
from mleprep.course.root import Course
from mleprep.course.spec import Assignment
from mleprep.grading.archive import submissions_folder
from mleprep.grading.budget import Budget
from mleprep.grading.chains import MODULES
from mleprep.grading.containment import containment_problem
from mleprep.grading.isolation import (
    KERNEL_UID_BASE,
    become_subreaper,
    check_kernel_user,
    claimed_kernel_uids,
    kernels_run_as_root,
    kill_leftovers,
    kill_processes,
    lock_down,
)
from mleprep.grading.results import GradeReport, SubmissionResult, write_reports
from mleprep.grading.submission_plots import IMPORT_THREAD
from mleprep.grading.submissions import SubmissionError, candidate_folders, loose_notebooks, stage_submission

# Starting Python, nbgrader and a kernel, and writing feedback, on top of the notebook's own budget.
WORKER_OVERHEAD_S = 90


def _kill_tree(pid: int) -> None:
    import psutil

    try:
        parent = psutil.Process(pid)
        # The worker may exit between these two calls: a finished worker is the usual case.
        procs = [*parent.children(recursive=True), parent]
    except psutil.NoSuchProcess:
        return
    kill_processes(procs)


# Imported once in the fork server, so that each submission's fresh worker process starts warm:
# importing nbgrader, nbconvert and scikit-learn costs seconds, more than grading itself.
PRELOAD = [
    "mleprep.grading.submission_grader",
    *MODULES,  # every preprocessor of nbgrader's chains and the late plugin, declared in chains.py
    "nbgrader.converters",
    "nbgrader.api",
    "nbconvert.exporters",
]
# Needed only once the notebook has run (scoring, the feedback page). A cohort's workers inherit
# them from the server; a lone submission's worker imports them while its kernel runs instead,
# so that it does not wait for them before it can start.
AFTER_EXECUTION = [
    "sklearn.metrics",
    "mleprep.grading.business_reading",
    "mleprep.grading.holdout_plots",
    "mleprep.grading.warm_up",
]
# A worker's main thread waits on files, the gradebook and the kernel while a thread imports.
GIL_SWITCH_S = 0.0005
_context: multiprocessing.context.ForkServerContext | None = None


def start_workers(*, submissions: int) -> None:
    """Start the fork server that grading workers come from, so that its imports (about 1.5 s)
    overlap whatever the caller does before `grade` (which starts it anyway)."""
    _worker_context(submissions=submissions)


def _worker_context(*, submissions: int = 2) -> multiprocessing.context.ForkServerContext:
    """The fork server's context, the server started: it imports its preload while the caller goes on.

    The preload is fixed when the server starts (once per process).
    """
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD + (AFTER_EXECUTION if submissions > 1 else []))
        multiprocessing.forkserver.ensure_running()
    return _context


def _import_in_background(modules: list[str]) -> None:
    def load() -> None:
        for name in modules:
            with contextlib.suppress(Exception):  # the main thread imports again and reports errors
                importlib.import_module(name)

    threading.Thread(target=load, name=IMPORT_THREAD, daemon=True).start()


@dataclass(frozen=True)
class _Run:
    """What every submission of one grading run shares, decided once in the batch's process."""

    budget: Budget
    threads: int  # BLAS threads per kernel: cores / jobs
    contain: bool  # kernels in bubblewrap's namespaces (workers fork from an older environment)
    logs: Path  # one log per candidate: nbgrader's log and the kernel's own output
    plots: Path | None = None  # holdout plots per candidate go here, when asked for
    rerun: bool = False  # run each notebook twice, to report whether the holdout score repeats


def _worker(
    conn: Connection,
    course: Course,
    assignment_id: str,
    candidate: str,
    run: _Run,
    uid: int | None,
    token: str,
) -> None:
    """Runs in a fresh process forked from the warm fork server; sends one result record back."""
    from mleprep.grading.submission_grader import grade_submission

    # matplotlib only when plots are drawn (a solo submit): a cohort's feedback has none.
    later = AFTER_EXECUTION + (["matplotlib.pyplot"] if run.plots is not None else [])
    # Imported once the kernel answers: this process then only waits for the notebook, while before
    # it nbgrader copies files and opens the gradebook, calls that release the GIL and would wait
    # for the import thread to hand it back on every return (5 ms each at the default interval).
    sys.setswitchinterval(GIL_SWITCH_S)
    os.setsid()  # its own process group, so the batch can kill everything under it
    # The kernel's and nbgrader's chatter goes to a log per candidate, not over the progress bar.
    log_file = run.logs / f"{candidate}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    log = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)

    become_subreaper()
    try:
        result = grade_submission(
            course=course,
            assignment_id=assignment_id,
            candidate=candidate,
            budget=run.budget,
            uid=uid,
            threads=run.threads,
            contain=run.contain,
            token=token,
            log_file=log_file,
            plots_dir=run.plots / candidate if run.plots is not None else None,
            rerun=run.rerun,
            on_kernel_ready=lambda: _import_in_background(later),
        )
        conn.send(result.to_json())
    except BaseException as exc:  # the record must reach the batch whatever went wrong
        conn.send({"crash": f"{type(exc).__name__}: {exc}"})
    finally:
        conn.close()


def _run_worker(
    course: Course, assignment: Assignment, candidate: str, run: _Run, uid: int | None
) -> SubmissionResult:
    token = uuid.uuid4().hex
    started = time.monotonic()

    def failure(message: str) -> SubmissionResult:
        return SubmissionResult.failure(candidate, assignment, message, seconds=time.monotonic() - started)

    ctx = _worker_context()
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_worker,
        args=(send, course, assignment.id, candidate, run, uid, token),
        name=f"mleprep-grade-{candidate}",
    )
    proc.start()
    send.close()
    try:
        runs = 2 if run.rerun else 1  # --rerun runs the notebook twice, each within the budget
        if not receive.poll(runs * run.budget.timeout_s + WORKER_OVERHEAD_S):
            return failure(
                f"time budget: grading took longer than {format_duration(runs * run.budget.timeout_s)} "
                f"(+{WORKER_OVERHEAD_S} s for the grader) and was stopped"
            )
        try:
            data = receive.recv()
        except EOFError:
            proc.join(10)
            return failure(f"the grading process died (exit code {proc.exitcode}) before reporting")
        if "crash" in data:
            return failure(f"the grader failed on this submission: {data['crash']}")
        return SubmissionResult.from_json(data)
    finally:
        # Whatever the notebook started must not outlive grading, even if the worker was killed.
        _kill_tree(proc.pid)
        proc.join(10)
        receive.close()
        kill_leftovers(token=token, uid=uid)


def _grade_folder(
    course: Course, assignment: Assignment, folder: Path, run: _Run, slots: queue.Queue
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
        result = _run_worker(course, assignment, intake.candidate, run, uid)
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
    `plots` draws each graded submission's holdout plots into `<out_dir>/plots/<candidate>/`.
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
    run = _Run(budget, threads, report.uncontained is None, reports / "logs", plots_dir, rerun)
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
        _worker_context(submissions=len(folders))
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
