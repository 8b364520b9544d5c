"""Zips as mentors download them: unpacked privately, hostile entries refused."""

from __future__ import annotations

import zipfile

import pytest

from mleprep.grading.archive import submissions_folder
from mleprep.grading.submissions import SubmissionError


def _zip(path, entries):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


def test_a_wrapping_folder_is_descended_and_junk_skipped(tmp_path):
    archive = _zip(
        tmp_path / "c.zip",
        {"cohort/alice/churn.ipynb": "{}", "cohort/bob/churn.ipynb": "{}", "__MACOSX/cohort/._alice": "x"},
    )
    with submissions_folder(archive) as folder:
        assert sorted(p.name for p in folder.iterdir()) == ["alice", "bob"]
        unpacked = folder
    assert not unpacked.exists()  # removed afterwards


def test_a_single_candidate_zip_is_not_mistaken_for_a_wrapper(tmp_path):
    archive = _zip(tmp_path / "c.zip", {"alice/churn.ipynb": "{}"})
    with submissions_folder(archive) as folder:
        assert [p.name for p in folder.iterdir()] == ["alice"]


@pytest.mark.parametrize("name", ["../evil/churn.ipynb", "/abs/churn.ipynb", "a/../../b.ipynb"])
def test_entries_that_leave_the_folder_are_refused(tmp_path, name):
    archive = _zip(tmp_path / "c.zip", {name: "{}"})
    with pytest.raises(SubmissionError, match="outside its folder"), submissions_folder(archive):
        pass


def test_files_that_are_not_zips_or_folders_get_a_clear_message(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with (
        pytest.raises(SubmissionError, match="neither a folder nor a zip"),
        submissions_folder(tmp_path / "notes.txt"),
    ):
        pass
    with pytest.raises(SubmissionError, match="does not exist"), submissions_folder(tmp_path / "nope"):
        pass


def test_a_folder_is_used_in_place(tmp_path):
    with submissions_folder(tmp_path) as folder:
        assert folder == tmp_path
