"""nbgrader configuration: this repository is the mleprep course.

`nbgrader` commands run from here and `mleprep` (which loads only this file) agree on every setting.
The preprocessor chains, budgets and late plugin are declared in mleprep.grading.chains; set or
override anything else below.
"""

import os

from mleprep.core.defaults import EXPORT_DIR, FEEDBACK_DIR, RELEASE_DIR, SUBMISSION_DIR
from mleprep.grading.chains import install_chains

c = get_config()  # noqa: F821 -- provided by traitlets when it loads this file

c.CourseDirectory.course_id = "mleprep"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# Candidates receive assignments/<id>/, committed and kept in sync with source/<id>/ by a test.
c.CourseDirectory.release_directory = RELEASE_DIR
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    FEEDBACK_DIR,
    EXPORT_DIR,
    SUBMISSION_DIR,
]

install_chains(c)
