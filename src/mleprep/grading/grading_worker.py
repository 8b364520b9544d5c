"""One submission's grading worker: a fresh process forked from a warm fork server, under a
wall-clock budget, killed with everything it started when it overruns.

The fork server imports nbgrader once for every worker of a run; what is needed only after the
notebook has run (scikit-learn, matplotlib) a lone submission's worker imports while its kernel runs.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from mleprep.core.defaults import GRADER_STANDBY_ENV
from mleprep.core.durations import format_duration
from mleprep.course.root import Course
from mleprep.course.spec import Assignment
from mleprep.grading.budget import Budget
from mleprep.grading.fork_server import AFTER_EXECUTION, worker_context
from mleprep.grading.isolation import become_subreaper, kill_leftovers, kill_processes
from mleprep.grading.results import SubmissionResult
from mleprep.grading.standby import standby_address, start_on_standby
from mleprep.grading.submission_plots import IMPORT_THREAD

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


# A worker's main thread waits on files, the gradebook and the kernel while a thread imports.
GIL_SWITCH_S = 0.0005


def _import_in_background(modules: list[str]) -> None:
    def load() -> None:
        for name in modules:
            with contextlib.suppress(Exception):  # the main thread imports again and reports errors
                importlib.import_module(name)

    threading.Thread(target=load, name=IMPORT_THREAD, daemon=True).start()


@dataclass(frozen=True)
class WorkerRun:
    """What every submission of one grading run shares, decided once in the batch's process."""

    budget: Budget
    threads: int  # BLAS threads per kernel: cores / jobs
    contain: bool  # kernels in bubblewrap's namespaces (workers fork from an older environment)
    logs: Path  # one log per candidate: nbgrader's log and the kernel's own output
    plots: Path | None = None  # holdout and ladder plots per candidate go here, when asked for
    rerun: bool = False  # run each notebook twice, to report whether the holdout score repeats


def _worker(
    conn: Connection,
    course: Course,
    assignment_id: str,
    candidate: str,
    run: WorkerRun,
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
    # The standby's socket is the grader's: the kernel and probes inherit this environment.
    os.environ.pop(GRADER_STANDBY_ENV, None)
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


def _start_worker(args: tuple[Any, ...]) -> tuple[Any, Connection]:
    """The worker, forked warm: by the lab's standby grader when it answers, else by the fork server.
    Returns it (with `pid`, `join`, `exitcode`) and the connection its record comes over."""
    address = standby_address()
    if address is not None and (worker := start_on_standby(address, args)) is not None:
        return worker, worker.receive
    ctx = worker_context(submissions=1)  # started already, unless a standby answered then failed
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(send, *args), name=f"mleprep-grade-{args[2]}")
    proc.start()
    send.close()
    return proc, receive


def run_worker(
    course: Course, assignment: Assignment, candidate: str, run: WorkerRun, uid: int | None
) -> SubmissionResult:
    token = uuid.uuid4().hex
    started = time.monotonic()

    def failure(message: str) -> SubmissionResult:
        return SubmissionResult.failure(candidate, assignment, message, seconds=time.monotonic() - started)

    proc, receive = _start_worker((course, assignment.id, candidate, run, uid, token))
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
            code = "" if proc.exitcode is None else f" (exit code {proc.exitcode})"  # the standby's child
            return failure(f"the grading process died{code} before reporting")
        if "crash" in data:
            return failure(f"the grader failed on this submission: {data['crash']}")
        return SubmissionResult.from_json(data)
    finally:
        # Whatever the notebook started must not outlive grading, even if the worker was killed.
        _kill_tree(proc.pid)
        proc.join(10)
        receive.close()
        kill_leftovers(token=token, uid=uid)
