"""nbgrader's preprocessor chains for this course, declared once.

nbgrader_config.py installs them (`install_chains(c)`), and the batch's warm fork server imports
this module so every preprocessor below is loaded before a submission's worker forks. nbgrader's
own chains with three changes: duplicated cells lose their ids cleanly (DropDuplicateIds), deleted
test and locked cells are put back from the gradebook (RestoreDeletedCells), outputs are cut to a
byte budget (LimitOutputBytes); and feedback keeps only the outcome of hidden cells.
"""

from __future__ import annotations

from typing import Any

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    ClearHiddenTests,
    ClearOutput,
    Execute,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    OverwriteKernelspec,
    SaveAutoGrades,
)

from mleprep.core.defaults import CELL_TIMEOUT_S, KERNEL_STARTUP_TIMEOUT_S, OUTPUT_BYTES
from mleprep.grading.feedback_redaction import RedactHiddenTracebacks
from mleprep.grading.late_penalty import AttemptLatePenalty
from mleprep.grading.repairs.drop_duplicate_ids import DropDuplicateIds
from mleprep.grading.repairs.limit_output_bytes import LimitOutputBytes
from mleprep.grading.repairs.restore_deleted_cells import RestoreDeletedCells

SANITIZE = [ClearOutput, DropDuplicateIds, OverwriteKernelspec, RestoreDeletedCells, CheckCellMetadata]
AUTOGRADE = [
    Execute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutputBytes,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# RedactHiddenTracebacks runs before ClearHiddenTests, which removes the delimiters it looks for.
FEEDBACK = [GetGrades, RedactHiddenTracebacks, ClearHiddenTests, CSSHTMLHeaderPreprocessor]


def install_chains(c: Any) -> None:
    """Set the course's chains, budgets and late plugin on nbgrader's config object `c`."""
    c.Autograde.sanitize_preprocessors = SANITIZE
    c.Autograde.autograde_preprocessors = AUTOGRADE
    c.GenerateFeedback.preprocessors = FEEDBACK
    # mleprep grade also enforces a budget for the whole submission ([grading] timeout).
    c.Execute.timeout = CELL_TIMEOUT_S
    c.Execute.startup_timeout = KERNEL_STARTUP_TIMEOUT_S
    # A runaway print loop must not produce a multi-megabyte notebook: lines (nbgrader's
    # LimitOutput) and bytes of all outputs together (mleprep grade sets it from assignment.toml).
    c.LimitOutput.max_lines = 1000
    c.LimitOutput.max_traceback = 100
    c.LimitOutputBytes.max_bytes = OUTPUT_BYTES
    # Timed take-homes are late against each candidate's own deadline (the attempt record), with
    # the assignment's [late_policy]: see late_penalty.py.
    c.AssignLatePenalties.plugin_class = AttemptLatePenalty
