"""The grading workers' fork server: a fresh process that imports nbgrader (and, for a cohort, what
scoring needs) once, from which every submission's worker is forked warm.

Kept apart from the worker's own machinery, with nothing to import but the preload's names, so that
a command can start it first thing: its imports then overlap everything else the command does.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver

from mleprep.grading.chains import MODULES

# Imported once in the fork server, so that each submission's fresh worker process starts warm:
# importing nbgrader and nbconvert costs more than a second, more than grading's own work.
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
    "mleprep.review.written_answers",
    "mleprep.review.code_report",
    "mleprep.grading.warm_up",
]
# Last, so that nothing registers an exit handler after it: see the module.
EXIT_FAST = "mleprep.grading.fork_server_exit"
_context: multiprocessing.context.ForkServerContext | None = None


def worker_context(*, submissions: int = 2) -> multiprocessing.context.ForkServerContext:
    """The fork server's context, the server started: it imports its preload (about 1.2 s) while the
    caller goes on, so a caller may start it early (`grade` starts it anyway).

    The preload is fixed when the server starts (once per process).
    """
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        later = AFTER_EXECUTION if submissions > 1 else []
        _context.set_forkserver_preload([*PRELOAD, *later, EXIT_FAST])
        multiprocessing.forkserver.ensure_running()
    return _context


def ready_workers(*, submissions: int) -> None:
    """Make the grading workers start warm, first thing in a command: the lab's standby grader
    answers (standby.py), or this command's fork server is started now (its imports then overlap
    the rest of the command)."""
    from mleprep.grading.standby import standby_address

    if standby_address() is None:
        worker_context(submissions=submissions)
