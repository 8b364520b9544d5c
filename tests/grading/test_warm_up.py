"""Does the fork server's warm-up really render nbgrader's feedback page, so a broken one is seen?"""

from __future__ import annotations

from mleprep.grading import warm_up


def test_the_warm_up_renders_a_feedback_page_without_error() -> None:
    # The module swallows errors at import (a warm-up must never stop grading): call it directly.
    warm_up._render_feedback_once()


def test_the_warm_up_leaves_the_feedback_templates_compiled_for_the_workers() -> None:
    from mleprep.grading.feedback_exporter import COMPILED_TEMPLATES

    COMPILED_TEMPLATES._compiled.clear()  # process-wide: other tests may have filled it
    warm_up._render_feedback_once()
    # nbgrader's feedback template and the nbconvert templates it extends, compiled once here.
    compiled = dict(COMPILED_TEMPLATES._compiled)
    assert len(compiled) >= 5
    warm_up._render_feedback_once()  # a second page (a new exporter) compiles nothing new
    assert COMPILED_TEMPLATES._compiled == compiled
