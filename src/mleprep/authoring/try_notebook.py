"""`mleprep try`: grade one notebook the way `verify` does, so a mentor sees what a candidate would
get (per check, with the messages candidates read) before releasing.
"""

from __future__ import annotations

from pathlib import Path

from mleprep.authoring.trial_grading import Trial
from mleprep.core.defaults import BASELINE_FILE
from mleprep.core.errors import MleprepError
from mleprep.course.root import Course
from mleprep.grading.results import SubmissionResult

BUILT_IN = ("reference", "starter", "baseline")


class TryError(MleprepError, ValueError):
    """The notebook to try does not exist."""


def try_notebook(*, course: Course, assignment_id: str, notebook: str) -> SubmissionResult:
    """Grade `notebook` (reference, starter, baseline, or a path to an .ipynb) in a scratch course."""
    path = Path(notebook).expanduser()
    if notebook not in BUILT_IN and not path.is_file():
        raise TryError(f"{notebook!r} is neither one of {', '.join(BUILT_IN)} nor a notebook file")
    baseline_file = course.hidden_dir(assignment_id) / BASELINE_FILE
    if notebook == "baseline" and not baseline_file.is_file():
        raise TryError(f"{baseline_file} does not exist: there is no baseline to try")
    with Trial(course, assignment_id) as trial:
        name = notebook if notebook in BUILT_IN else "notebook"
        if notebook == "reference":
            trial.add(name, trial.reference)
        elif notebook == "starter":
            trial.add(name, trial.starter, package_from=trial.starter_folder)
        elif notebook == "baseline":
            assert trial.baseline is not None  # checked above
            trial.add(name, trial.baseline)
        else:
            trial.add(name, path.resolve(), package_from=path.resolve().parent)
        return trial.grade(jobs=1)[name]
