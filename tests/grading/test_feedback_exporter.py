"""Is nbgrader's feedback, written with templates compiled once per process and without
HTMLExporter's second parse, the same page?"""

from __future__ import annotations

import re

import nbformat
from bs4 import BeautifulSoup
from nbconvert.exporters import HTMLExporter
from nbgrader.converters import GenerateFeedback
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config

from mleprep.grading.feedback_exporter import COMPILED_TEMPLATES, MISSING_ALT, FeedbackExporter, with_alt_text

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
NOTEBOOK = nbformat.v4.new_notebook(
    cells=[nbformat.v4.new_markdown_cell("# Churn"), nbformat.v4.new_code_cell("print(1 + 1)")]
)
NOTEBOOK.cells[1].outputs = [
    nbformat.v4.new_output("stream", name="stdout", text="2\n"),
    nbformat.v4.new_output("display_data", data={"image/png": PNG}),  # a plot: no alt text
    nbformat.v4.new_output(
        "display_data", data={"image/png": PNG}, metadata={"image/png": {"alt": "ROC curve"}}
    ),
    # A candidate's own HTML, with an image of each kind.
    nbformat.v4.new_output(
        "display_data",
        data={"text/html": '<p>logo <img src="a.png"> and <IMG SRC="b.png" alt="mine" /></p>'},
    ),
]

# What nbgrader's feedback converter hands the template.
RESOURCES = {"nbgrader": {"notebook": "churn", "score": 3, "max_score": 5, "late_penalty": 0}}


def _feedback_config() -> Config:
    """nbgrader's configuration of the feedback exporter (its template, the classic one, and folders)."""
    return GenerateFeedback(coursedir=CourseDirectory(config=Config()), config=Config()).config


def _page(exporter: type[HTMLExporter]) -> str:
    html, _ = exporter(config=_feedback_config()).from_notebook_node(NOTEBOOK, resources=RESOURCES)
    return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UUID", html)


def test_a_page_is_the_document_nbconvert_writes_serialized_once() -> None:
    ours, nbconverts = _page(FeedbackExporter), _page(HTMLExporter)
    # nbconvert's page is BeautifulSoup's serialization of what its templates rendered.
    assert str(BeautifulSoup(ours, features="html.parser")) == nbconverts
    assert ours.count(f'alt="{MISSING_ALT}"') == nbconverts.count(f'alt="{MISSING_ALT}"') == 2
    assert 'alt="ROC curve"' in ours and 'alt="mine"' in ours


def test_compiled_templates_are_reused_by_the_next_exporter() -> None:
    COMPILED_TEMPLATES._compiled.clear()  # process-wide: other tests may have filled it
    first = _page(FeedbackExporter)
    assert COMPILED_TEMPLATES._compiled  # the first page compiled them
    again = _page(FeedbackExporter)  # a new exporter, as nbgrader makes one per page
    assert first == again


def test_only_images_without_alt_text_get_it() -> None:
    assert with_alt_text('<img src="x.png">') == f'<img src="x.png" alt="{MISSING_ALT}"/>'
    assert with_alt_text('<img src="x.png" />') == f'<img src="x.png" alt="{MISSING_ALT}"/>'
    assert with_alt_text('<img src="x.png" alt="">') == '<img src="x.png" alt="">'
    assert with_alt_text('<img data-alt="1" src="x">') == f'<img data-alt="1" src="x" alt="{MISSING_ALT}"/>'
    assert with_alt_text("&lt;img src=x&gt;") == "&lt;img src=x&gt;"
    # A ">" inside a quoted value does not end the tag; an alt with spaces around "=" is an alt.
    assert (
        with_alt_text('<img src="a.png" title="x > y">')
        == f'<img src="a.png" title="x > y" alt="{MISSING_ALT}"/>'
    )
    assert with_alt_text('<img src="a" alt = "chart">') == '<img src="a" alt = "chart">'
    # A script that writes an <img> tag in a string is left as it is.
    script = '<script>var s = "<img src=x>";</script>'
    assert with_alt_text(script + '<img src="b">') == script + f'<img src="b" alt="{MISSING_ALT}"/>'
