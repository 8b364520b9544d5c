"""nbgrader's preprocessor chains for this course, declared once.

nbgrader_config.py installs them (`install_chains(c)`), and the grading workers' fork server
(fork_server.py) imports every module they name (`MODULES`) before a submission's worker forks.
nbgrader's own chains with three changes: duplicated cells lose their ids cleanly
(DropDuplicateIds), deleted test and locked cells are put back from the gradebook
(RestoreDeletedCells), outputs are cut to a byte budget (LimitOutputBytes); and feedback keeps only
the outcome of hidden cells.
"""

from __future__ import annotations

from typing import Any

from mleprep.core.defaults import CELL_TIMEOUT_S, KERNEL_STARTUP_TIMEOUT_S, OUTPUT_BYTES

# Dotted names, not classes: nbconvert imports a preprocessor named by a string when it registers it,
# so reading the course's configuration (to find the gradebook, say) never imports nbgrader (1.5 s).
NB = "nbgrader.preprocessors"
MINE = "mleprep.grading"
SANITIZE = [
    f"{NB}.ClearOutput",
    f"{MINE}.repairs.drop_duplicate_ids.DropDuplicateIds",
    f"{NB}.OverwriteKernelspec",
    f"{MINE}.repairs.restore_deleted_cells.RestoreDeletedCells",
    f"{NB}.CheckCellMetadata",
]
AUTOGRADE = [
    f"{NB}.Execute",
    f"{NB}.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    f"{MINE}.repairs.limit_output_bytes.LimitOutputBytes",
    f"{NB}.LimitOutput",
    f"{NB}.SaveAutoGrades",
    f"{NB}.AssignLatePenalties",
    f"{NB}.CheckCellMetadata",
]
# RedactHiddenTracebacks runs before ClearHiddenTests, which removes the delimiters it looks for.
FEEDBACK = [
    f"{NB}.GetGrades",
    f"{MINE}.feedback_redaction.RedactHiddenTracebacks",
    f"{NB}.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
LATE_PLUGIN = f"{MINE}.late_penalty.AttemptLatePenalty"
# nbconvert's HTML exporter, with templates compiled once per process rather than once per page.
FEEDBACK_EXPORTER = f"{MINE}.feedback_exporter.FeedbackExporter"
# Every module the chains name: the workers' fork server imports them once for all workers.
MODULES = sorted(
    {name.rsplit(".", 1)[0] for name in (*SANITIZE, *AUTOGRADE, *FEEDBACK, LATE_PLUGIN, FEEDBACK_EXPORTER)}
)


def install_chains(c: Any) -> None:
    """Set the course's chains, budgets and late plugin on nbgrader's config object `c`."""
    c.Autograde.sanitize_preprocessors = SANITIZE
    c.Autograde.autograde_preprocessors = AUTOGRADE
    c.GenerateFeedback.preprocessors = FEEDBACK
    c.GenerateFeedback.exporter_class = FEEDBACK_EXPORTER
    # mleprep grade also enforces a budget for the whole submission ([grading] timeout).
    c.Execute.timeout = CELL_TIMEOUT_S
    c.Execute.startup_timeout = KERNEL_STARTUP_TIMEOUT_S
    # Outputs and exports are in once the last cell has run; a graceful shutdown only waits (about
    # 0.7 s) for the kernel to run its own exit handlers, which graded code has no business running.
    c.Execute.shutdown_kernel = "immediate"
    # A runaway print loop must not produce a multi-megabyte notebook: lines (nbgrader's
    # LimitOutput) and bytes of all outputs together (mleprep grade sets it from assignment.toml).
    c.LimitOutput.max_lines = 1000
    c.LimitOutput.max_traceback = 100
    c.LimitOutputBytes.max_bytes = OUTPUT_BYTES
    # Timed take-homes are late against each candidate's own deadline (the attempt record), with
    # the assignment's [late_policy]: see late_penalty.py.
    c.AssignLatePenalties.plugin_class = LATE_PLUGIN
