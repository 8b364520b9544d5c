"""Is nbgrader's feedback, written with templates compiled once per process, the same page?"""

from __future__ import annotations

import re

import nbformat
from nbconvert.exporters import HTMLExporter

from mleprep.grading.feedback_exporter import COMPILED_TEMPLATES, FeedbackExporter

NOTEBOOK = nbformat.v4.new_notebook(
    cells=[nbformat.v4.new_markdown_cell("# Churn"), nbformat.v4.new_code_cell("print(1 + 1)")]
)
NOTEBOOK.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="2\n")]


def _page(exporter: HTMLExporter) -> str:
    html, _ = exporter.from_notebook_node(NOTEBOOK)
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", html)


def test_a_page_from_compiled_templates_is_the_page_nbconvert_writes() -> None:
    COMPILED_TEMPLATES._compiled.clear()  # process-wide: other tests may have filled it
    first = _page(FeedbackExporter())
    assert COMPILED_TEMPLATES._compiled  # the first page compiled them
    again = _page(FeedbackExporter())  # a new exporter, as nbgrader makes one per page
    assert first == again == _page(HTMLExporter())
