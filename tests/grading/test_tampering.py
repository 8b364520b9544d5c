"""Changes to the assignment's own cells are worded as notes (nbgrader repairs them silently)."""

from __future__ import annotations

import json

from mleprep.grading.tampering import tampering_notes
from tests import hostile_notebooks as h


def notes_for(tmp_path, nb):
    path = tmp_path / "churn.ipynb"
    path.write_text(json.dumps(nb))
    return tampering_notes(submitted=path, released=h.RELEASED)


def test_an_honest_submission_gets_no_notes(tmp_path):
    assert notes_for(tmp_path, h.reference()) == []


def test_each_kind_of_change_is_named_with_the_cell(tmp_path):
    assert notes_for(tmp_path, h.without(h.reference(), "check_model")) == [
        "the test cell 'check_model' was deleted from the notebook; it was put back by the grader."
    ]
    assert any("'build_model' appears 2 times" in n for n in notes_for(tmp_path, h.duplicated()))
    assert any("from code to raw" in n for n in notes_for(tmp_path, h.retyped()))
    edited = notes_for(tmp_path, h.tampered())
    assert any("'setup' was edited although it is locked" in n for n in edited)


def test_an_unreadable_submission_is_left_to_intake(tmp_path):
    (tmp_path / "churn.ipynb").write_text("{")
    assert tampering_notes(submitted=tmp_path / "churn.ipynb", released=h.RELEASED) == []
