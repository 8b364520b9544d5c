"""Renders one tiny notebook through nbgrader's feedback template, when imported, so that the feedback
page that follows starts with the template machinery's process-wide caches (compiled templates,
regular expressions, CSS selectors, Jinja's loaders) filled; the first page of a process costs about
twice the later ones. For a cohort the workers' fork server imports it once, and every worker forked
from it inherits the caches; a lone submission's worker imports it while its kernel runs
(fork_server.AFTER_EXECUTION).
"""

from __future__ import annotations

import contextlib
import os


def _render_feedback_once() -> None:
    import nbformat
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    from mleprep.grading.feedback_exporter import FeedbackExporter

    # nbgrader's feedback converter configures the exporter (template, its folders): use its config.
    config = GenerateFeedback(coursedir=CourseDirectory(config=Config()), config=Config()).config
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# warm"), nbformat.v4.new_code_cell("1 + 1")]
    )
    nb.cells[1].outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "2"})]
    resources = {"nbgrader": {"notebook": "warm", "score": 0, "max_score": 0, "late_penalty": 0}}
    # The course's exporter (chains.FEEDBACK_EXPORTER): its compiled templates are the ones kept.
    FeedbackExporter(config=config).from_notebook_node(nb, resources=resources)


# A warm-up that fails costs only speed: grading must never depend on it.
if os.environ.get("MLEPREP_NO_WARM_UP") != "1":
    with contextlib.suppress(Exception):
        _render_feedback_once()
