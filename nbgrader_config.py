"""nbgrader configuration: this repository is the mleprep course.

`nbgrader` commands run from here and `mleprep` (which loads only this file) agree on every setting.
"""

import os

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, GetGrades

from mleprep.feedback_redaction import RedactHiddenTracebacks

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
# A runaway print loop must not produce a multi-megabyte notebook.
c.LimitOutput.max_lines = 1000
c.LimitOutput.max_traceback = 100

# nbgrader's default feedback shows hidden test source and full tracebacks: strip both.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    RedactHiddenTracebacks,
    ClearHiddenTests,
    CSSHTMLHeaderPreprocessor,
]
