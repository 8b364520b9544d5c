"""A graded submission's plots (the holdout's and the calibration ladder's), drawn in child processes
forked from the grading worker while the worker writes nbgrader's feedback.

Each is a few tenths of a second of pure Python; the kernel has finished by then, so on two cores a
candidate waits for the slowest of the three instead of all of them. Plots are a bonus: whatever goes
wrong in a child becomes a note, never a lost grade.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mleprep.core.defaults import HOLDOUT_LABELS_FILE
from mleprep.course.root import Course
from mleprep.course.spec import Assignment
from mleprep.handin import export_path

# The grading worker's thread that imports what scoring and plotting need while the kernel runs.
IMPORT_THREAD = "mleprep-imports"
# The whole plot step, waiting for matplotlib included (its first import on a new machine builds
# a font cache): well inside the worker's allowance beyond the notebook (WORKER_OVERHEAD_S).
PLOTS_TIMEOUT_S = 45

Plots = tuple[tuple[str, ...], list[str]]  # the files drawn, and notes on what could not be
# Drawn by a child each: the ladder alone costs as much as feedback's page.
PARTS = ("holdout", "ladder")


def draw_plots(
    *,
    course: Course,
    assignment: Assignment,
    workdir: Path,
    holdout: dict[str, float],
    out_dir: Path,
    parts: tuple[str, ...] = PARTS,
) -> Plots:
    """Draw the plots of `parts` here, in this process: the holdout's, and the score on the
    calibration ladder."""
    from mleprep.grading.holdout_plots import holdout_plots
    from mleprep.grading.score_ladder import PLOT_FILE, ladder_plot, read_ladder

    drawn: list[Path] = []
    notes: list[str] = []
    out_dir.mkdir(parents=True, exist_ok=True)
    for check in (c for c in assignment.checks if c.kind == "holdout"):
        # Each plot is a bonus on its own: one that fails never takes the others with it.
        if "holdout" in parts and assignment.task is not None:
            try:
                drawn += holdout_plots(
                    assignment=assignment,
                    export_file=export_path(check.id, workdir),
                    labels_file=course.hidden_dir(assignment.id) / HOLDOUT_LABELS_FILE,
                    out_dir=out_dir,
                )
            except Exception as exc:
                notes.append(f"plots could not be drawn: {exc}")
        if "ladder" not in parts or assignment.metric is None or check.id not in holdout:
            continue
        try:
            metric = assignment.metric
            ladder = read_ladder(course.source_dir / assignment.id, check_id=check.id, metric=metric)
            if ladder is not None:
                drawn.append(ladder_plot(ladder, holdout[check.id], metric, out_dir / PLOT_FILE))
        except Exception as exc:
            notes.append(f"the calibration ladder could not be drawn: {exc}")
    return tuple(str(p) for p in drawn), notes


def draw_plots_aside(**kwargs: Any) -> Callable[[], Plots]:
    """Start `draw_plots(**kwargs)` in forked children, one per part; the returned function waits
    for their results.

    Whatever fails (the imports, a fork, a child) comes back as a note, never as an exception.
    """
    deadline = time.monotonic() + PLOTS_TIMEOUT_S
    children: list[tuple[int, int]] = []
    notes: list[str] = []
    try:
        _ready_to_fork(deadline)
        for part in PARTS:
            children.append(_fork_drawing({**kwargs, "parts": (part,)}))
    except Exception as exc:  # a plot is a bonus: it must never cost the candidate their grade
        notes.append(f"plots could not be drawn: {exc}")

    def collect() -> Plots:
        paths: list[str] = []
        for drawn, said in _collect(children, deadline):
            paths += drawn
            notes.extend(note for note in said if note not in notes)  # children fail alike
        return tuple(paths), notes

    return collect


def _ready_to_fork(deadline: float) -> None:
    # A child inherits no other thread, only the locks they held: the importing thread must have
    # finished (it ends with matplotlib, which the children need), and the drawing code is imported here.
    for thread in threading.enumerate():
        if thread.name == IMPORT_THREAD:
            thread.join(max(0.0, deadline - time.monotonic()))
            if thread.is_alive():
                raise RuntimeError(f"matplotlib was still loading after {PLOTS_TIMEOUT_S} s")
    import matplotlib.pyplot  # noqa: F401

    import mleprep.grading.holdout_plots
    import mleprep.grading.score_ladder  # noqa: F401


def _fork_drawing(kwargs: dict[str, Any]) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # the child: draw, report, and leave without running the parent's exit handlers
        # Only the pipe and the log stay open: the worker's own pipe to the batch must see its end
        # when the worker ends, whatever this child is doing.
        os.closerange(3, write_end)
        os.closerange(write_end + 1, os.sysconf("SC_OPEN_MAX"))
        try:
            paths, notes = draw_plots(**kwargs)
            payload = json.dumps({"paths": list(paths), "notes": notes})
        except BaseException as exc:
            payload = json.dumps({"paths": [], "notes": [f"plots could not be drawn: {exc}"]})
        with contextlib.suppress(OSError), os.fdopen(write_end, "w") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_end)
    return pid, read_end


def _collect(children: list[tuple[int, int]], deadline: float) -> list[Plots]:
    """Every child's result, in order, read as it comes: one that hangs is stopped at the deadline
    and costs only its own plots."""
    chunks: dict[int, list[bytes]] = {fd: [] for _, fd in children}
    waiting = set(chunks)
    while waiting and (left := deadline - time.monotonic()) > 0:
        for fd in select.select(list(waiting), [], [], left)[0]:
            if chunk := os.read(fd, 65536):
                chunks[fd].append(chunk)
            else:
                waiting.discard(fd)
    results = []
    for pid, fd in children:
        if fd in waiting:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.close(fd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
        results.append(_result(b"".join(chunks[fd]), timed_out=fd in waiting))
    return results


def _result(payload: bytes, *, timed_out: bool) -> Plots:
    if timed_out:
        return (), [f"plots could not be drawn: drawing took longer than {PLOTS_TIMEOUT_S} s and was stopped"]
    try:
        data = json.loads(payload)
        return tuple(data["paths"]), list(data["notes"])
    except (ValueError, KeyError):
        return (), ["plots could not be drawn: the drawing process ended without a result"]
