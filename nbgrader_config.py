"""nbgrader configuration: this repository is the mleprep course.

`nbgrader` commands run from here and `mleprep` (which loads only this file) agree on every setting.
"""

import os

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

from mleprep.cell_restore import DropDuplicateIds, RestoreDeletedCells
from mleprep.feedback_redaction import RedactHiddenTracebacks
from mleprep.late_plugin import AttemptLatePenalty
from mleprep.output_budget import LimitOutputBytes

c = get_config()  # noqa: F821 -- provided by traitlets when it loads this file

c.CourseDirectory.course_id = "mleprep"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# Candidates receive assignments/<id>/, committed and kept in sync with source/<id>/ by a test.
c.CourseDirectory.release_directory = "assignments"
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".mleprep_exports"]

# Model training takes minutes, not nbgrader's default 30 s per cell. mleprep grade also enforces
# a budget for the whole submission from assignment.toml ([grading] timeout).
c.Execute.timeout = 600
c.Execute.startup_timeout = 120
# A runaway print loop must not produce a multi-megabyte notebook: lines (nbgrader's LimitOutput)
# and bytes of all outputs together (mleprep grade sets the budget from assignment.toml).
c.LimitOutput.max_lines = 1000
c.LimitOutput.max_traceback = 100
c.LimitOutputBytes.max_bytes = 1_000_000

# nbgrader's own chains, with three changes: duplicated cells lose their ids cleanly (nbgrader's
# DeduplicateIds makes CheckCellMetadata fail the submission), deleted test and locked cells are
# put back from the gradebook (RestoreDeletedCells), and outputs are cut to a byte budget.
c.Autograde.sanitize_preprocessors = [
    ClearOutput,
    DropDuplicateIds,
    OverwriteKernelspec,
    RestoreDeletedCells,
    CheckCellMetadata,
]
c.Autograde.autograde_preprocessors = [
    Execute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutputBytes,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]

# nbgrader's default feedback shows hidden test source and full tracebacks: strip both.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    RedactHiddenTracebacks,
    ClearHiddenTests,
    CSSHTMLHeaderPreprocessor,
]

# Timed take-homes are late against each candidate's own deadline (attempt.json, written by
# `mleprep start` and `mleprep submit`), with the assignment's [late_policy]: see late_plugin.py.
c.AssignLatePenalties.plugin_class = AttemptLatePenalty
