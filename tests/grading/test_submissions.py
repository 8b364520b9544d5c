"""Is every way a submission folder can be wrong found before a kernel starts, originals untouched?"""

from __future__ import annotations

import pytest

from mleprep.grading.submissions import SubmissionError, stage_submission
from tests.conftest import REPO, tree_digest, write_submission

RELEASED = (REPO / "assignments" / "churn" / "churn.ipynb").read_text()


def stage(tmp_path, candidate):
    return stage_submission(
        folder=tmp_path / "subs" / candidate,
        assignment_id="churn",
        notebook="churn.ipynb",
        submitted_dir=tmp_path / "submitted",
    )


def test_a_notebook_under_another_name_is_graded_under_the_expected_name(tmp_path):
    write_submission(tmp_path / "subs", "ana", RELEASED, name="churn (1).ipynb")
    before = tree_digest(tmp_path / "subs")
    intake = stage(tmp_path, "ana")
    assert (intake.folder / "churn.ipynb").is_file() and not (intake.folder / "churn (1).ipynb").exists()
    assert "churn (1).ipynb" in intake.notes[0]
    assert tree_digest(tmp_path / "subs") == before


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        ("", "churn.ipynb", "empty file"),
        ('{"cells": [', "churn.ipynb", "not a readable notebook"),
        (b"\x89PNG\r\n\x1a\n", "churn.ipynb", "not a readable notebook"),
        ('{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', "churn.ipynb", "has no cells"),
        ("print('hi')", "churn.py", "no notebook in the folder"),
    ],
)
def test_an_unusable_file_gets_a_clear_message(tmp_path, content, name, says):
    write_submission(tmp_path / "subs", "bo", content, name=name)
    with pytest.raises(SubmissionError, match=says):
        stage(tmp_path, "bo")


def test_several_candidate_notebooks_are_not_guessed_between(tmp_path):
    write_submission(tmp_path / "subs", "cy", RELEASED, name="a.ipynb")
    write_submission(tmp_path / "subs", "cy", RELEASED, name="b.ipynb")
    with pytest.raises(SubmissionError, match="several notebooks"):
        stage(tmp_path, "cy")


def test_a_folder_name_that_cannot_be_an_id_is_refused(tmp_path):
    write_submission(tmp_path / "subs", "two words", RELEASED)
    with pytest.raises(SubmissionError, match="cannot be a candidate id"):
        stage(tmp_path, "two words")


def test_restaging_replaces_the_previous_copy(tmp_path):
    write_submission(tmp_path / "subs", "di", RELEASED)
    (tmp_path / "subs" / "di" / "notes.txt").write_text("first")
    stage(tmp_path, "di")
    (tmp_path / "subs" / "di" / "notes.txt").unlink()
    intake = stage(tmp_path, "di")
    assert not (intake.folder / "notes.txt").exists()


def test_symbolic_links_are_left_out_never_followed(tmp_path):
    # A link to the hidden labels would be copied as their content by nbgrader, beside the candidate's code.
    folder = write_submission(tmp_path / "subs", "eve", RELEASED).parent
    (folder / "labels.csv").symlink_to(REPO / "autograders" / "churn" / "holdout_labels.csv")
    (folder / "course").symlink_to(REPO / "autograders", target_is_directory=True)
    intake = stage(tmp_path, "eve")
    assert sorted(p.name for p in intake.folder.iterdir()) == ["churn.ipynb"]
    assert "left out 2 symbolic link(s)" in intake.notes[-1] and "labels.csv" in intake.notes[-1]


def test_a_notebook_that_is_a_link_is_refused_unread(tmp_path):
    folder = tmp_path / "subs" / "eve"
    folder.mkdir(parents=True)
    (folder / "churn.ipynb").symlink_to(REPO / "autograders" / "churn" / "holdout_labels.csv")
    with pytest.raises(SubmissionError, match="is a symbolic link, not a notebook") as raised:
        stage(tmp_path, "eve")
    assert "customer_id" not in str(raised.value)  # nothing of what it points at
