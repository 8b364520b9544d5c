"""Grade a folder of submissions: every one gets a result record, whatever it contains.

Each submission is graded by its own worker process (`python -m mleprep.grading`) under a
wall-clock budget; a worker that overruns is killed with every process it started, and the
batch goes on. Originals in the submissions folder are only read.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from mleprep.course import Course
from mleprep.nbgrader_steps import open_gradebook
from mleprep.results import GradeReport, SubmissionResult, write_reports
from mleprep.spec import Assignment
from mleprep.submissions import SubmissionError, candidate_folders, stage_submission

# Starting Python, nbgrader and a kernel, and writing feedback, on top of the notebook's own budget.
WORKER_OVERHEAD_S = 90


def _kill_tree(pid: int) -> None:
    import psutil

    try:
        parent = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    procs = [*parent.children(recursive=True), parent]
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            proc.kill()
    psutil.wait_procs(procs, timeout=10)


def _run_worker(course: Course, assignment: Assignment, candidate: str, timeout_s: int) -> SubmissionResult:
    cmd = [
        sys.executable,
        "-m",
        "mleprep.grading",
        "--course",
        str(course.root),
        "--assignment",
        assignment.id,
        "--candidate",
        candidate,
        "--timeout",
        str(timeout_s),
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=course.root,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout_s + WORKER_OVERHEAD_S)
    except subprocess.TimeoutExpired:
        _kill_tree(proc.pid)
        proc.communicate()
        return SubmissionResult.failure(
            candidate,
            assignment,
            f"grading took longer than the budget of {timeout_s} s and was stopped",
            seconds=time.monotonic() - started,
        )
    finally:
        # Kernels the notebook started (or processes its code spawned) must not outlive grading.
        _kill_tree(proc.pid)
    lines = [line for line in out.splitlines() if line.strip()]
    try:
        return SubmissionResult.from_json(json.loads(lines[-1]))
    except (IndexError, json.JSONDecodeError, TypeError, KeyError):
        tail = (err.strip().splitlines() or ["no output"])[-1]
        return SubmissionResult.failure(
            candidate,
            assignment,
            f"the grading process failed (exit code {proc.returncode}): {tail}",
            seconds=time.monotonic() - started,
        )


def grade(
    *,
    course: Course,
    assignment_id: str,
    submissions: Path,
    timeout_s: int | None = None,
    out_dir: Path | None = None,
    progress: Callable[[SubmissionResult, int, int], None] | None = None,
) -> GradeReport:
    """Grade every candidate folder in `submissions`; results also go to scores.csv and results.json.

    `timeout_s` is the budget per submission (default: the assignment's [grading] timeout).
    """
    assignment = course.assignment(assignment_id)
    budget = timeout_s if timeout_s is not None else assignment.timeout_s
    _ensure_in_gradebook(course, assignment_id)
    folders = candidate_folders(submissions)
    report = GradeReport(assignment_id)
    for done, folder in enumerate(folders, start=1):
        started = time.monotonic()
        try:
            intake = stage_submission(
                folder=folder,
                assignment_id=assignment_id,
                notebook=assignment.notebook,
                submitted_dir=course.submitted_dir,
            )
        except (SubmissionError, OSError) as exc:
            result = SubmissionResult.failure(
                folder.name, assignment, str(exc), seconds=time.monotonic() - started
            )
        else:
            result = _run_worker(course, assignment, intake.candidate, budget)
            result = replace(result, notes=(*intake.notes, *result.notes))
        report.results.append(result)
        if progress is not None:
            progress(result, done, len(folders))
    write_reports(report, [c.id for c in assignment.checks], out_dir or course.reports_dir / assignment_id)
    return report


def _ensure_in_gradebook(course: Course, assignment_id: str) -> None:
    """nbgrader autograde needs the assignment's cells in the gradebook: register them if absent."""
    import tempfile

    from nbgrader.api import MissingEntry

    from mleprep.release import release

    with open_gradebook(course) as gb:
        try:
            gb.find_assignment(assignment_id)
            return
        except MissingEntry:
            pass
    # A scratch release registers the cells without touching the committed assignments/ folder.
    with tempfile.TemporaryDirectory(prefix="mleprep-register-") as tmp:
        release(course=course, assignment_id=assignment_id, release_dir=Path(tmp))
