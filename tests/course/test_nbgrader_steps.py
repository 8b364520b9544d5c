"""Do nbgrader's steps run with the course's config, and does a failure say what actually went wrong?"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from mleprep.core.notebook_cells import cell_roles, read_notebook
from mleprep.course.nbgrader_steps import (
    NbgraderStepError,
    _first_error,
    generate_assignment,
    open_gradebook,
    put_environment_on_path,
)
from mleprep.course.root import Course
from tests.conftest import copy_course

BIN = str(Path(sys.executable).parent)

# The shape of nbgrader's log when generate_assignment meets a corrupt notebook (paths shortened).
CORRUPT_NOTEBOOK_LOG = """\
[INFO] Updating/creating assignment 'churn': {}
[INFO] Converting notebook /course/source/./churn/churn.ipynb
[ERROR] Traceback (most recent call last):
      File "/venv/nbgrader/preprocessors/checkcellmetadata.py", line 13, in preprocess
        MetadataValidator().validate_nb(nb)
      File "/venv/nbgrader/nbgraderformat/v3.py", line 110, in validate_nb
        raise ValidationError("Duplicate grade id: {}".format(grade_id))
    jsonschema.exceptions.ValidationError: Duplicate grade id: intro
    \n\
[ERROR] Notebook failed to validate; the nbgrader metadata may be corrupted.
[ERROR] There was an error processing assignment: /course/source/./churn
[ERROR] Traceback (most recent call last):
      File "/venv/nbgrader/preprocessors/checkcellmetadata.py", line 18, in preprocess
        raise ValidationError(msg)
    jsonschema.exceptions.ValidationError: Notebook failed to validate.
    \n\
[WARNING] Removing failed assignment: /course/assignments/churn
[ERROR] There was an error processing assignment 'churn' for student '.'
[ERROR] Please see the the above traceback for details on the specific errors on the above failures.
"""


def test_the_exception_line_of_the_first_traceback_is_the_reason():
    assert (
        _first_error(CORRUPT_NOTEBOOK_LOG, "fallback")
        == "jsonschema.exceptions.ValidationError: Duplicate grade id: intro"
    )


def test_a_traceback_at_the_end_of_the_log_still_gives_its_exception_line():
    log = "[INFO] Converting\n[ERROR] Traceback (most recent call last):\n    File x.py\n    KeyError: 'q1'\n"
    assert _first_error(log, "fallback") == "KeyError: 'q1'"


def test_a_traceback_wins_over_an_earlier_specific_error():
    log = (
        "[ERROR] Kernel died while running a cell\n"
        "[ERROR] Traceback (most recent call last):\n"
        "    RuntimeError: Kernel died\n"
        "[INFO] done\n"
    )
    assert _first_error(log, "fallback") == "RuntimeError: Kernel died"


def test_without_a_traceback_the_first_specific_error_line_is_the_reason():
    log = (
        "[INFO] Starting\n"
        "[ERROR] There was an error processing assignment: /course/source/./churn\n"
        "[ERROR] No notebooks were matched by '/course/source/./missing'\n"
        "[CRITICAL] Later problem\n"
        "[ERROR] Please see the error log for details\n"
    )
    assert _first_error(log, "fallback") == "No notebooks were matched by '/course/source/./missing'"


def test_a_critical_line_is_a_specific_error():
    log = "[ERROR] Removing failed assignment: x\n[CRITICAL] The gradebook is locked\n"
    assert _first_error(log, "fallback") == "The gradebook is locked"


@pytest.mark.parametrize(
    "log",
    [
        "",
        "[INFO] Converting notebook\n[WARNING] something odd\n",
        "[ERROR] There was an error processing assignment 'churn'\n[ERROR] Please see the above traceback\n",
        "[ERROR] Removing failed assignment: x\n[ERROR]   \n",
    ],
)
def test_a_log_with_nothing_specific_gives_the_fallback(log):
    assert _first_error(log, "NbGraderException: see log") == "NbGraderException: see log"


def test_the_environment_bin_folder_is_put_first_on_path(monkeypatch):
    monkeypatch.setenv("PATH", os.pathsep.join(["/usr/local/bin", "/usr/bin"]))
    put_environment_on_path()
    assert os.environ["PATH"].split(os.pathsep) == [BIN, "/usr/local/bin", "/usr/bin"]


def test_the_environment_bin_folder_is_put_on_path_once(monkeypatch):
    monkeypatch.setenv("PATH", "/usr/bin")
    put_environment_on_path()
    put_environment_on_path()
    assert os.environ["PATH"].split(os.pathsep).count(BIN) == 1


def test_a_path_that_already_has_the_bin_folder_is_left_alone(monkeypatch):
    path = os.pathsep.join(["/usr/bin", BIN, "/bin"])
    monkeypatch.setenv("PATH", path)
    put_environment_on_path()
    assert os.environ["PATH"] == path


def test_a_step_error_keeps_the_log_and_exits_with_one():
    err = NbgraderStepError("Duplicate grade id: intro", "[ERROR] full log")
    assert (str(err), err.log, err.exit_code) == ("Duplicate grade id: intro", "[ERROR] full log", 1)
    assert isinstance(err, RuntimeError)


def test_a_failing_step_raises_with_the_reason_and_the_full_log(tmp_path):
    course = copy_course(tmp_path / "course")
    with pytest.raises(NbgraderStepError) as err:
        generate_assignment(course=course, assignment_id="missing")
    assert str(err.value).startswith("No notebooks were matched by")
    assert "missing" in str(err.value)
    assert "Did you mean" in err.value.log and "Traceback" in err.value.log
    assert not (course.release_dir / "missing").exists()


def test_a_new_gradebook_is_created_and_a_release_registers_the_assignment_cells(tmp_path):
    course = copy_course(tmp_path / "course")
    with open_gradebook(course) as gb:
        assert gb.assignments == []
    assert (course.root / "gradebook.db").is_file()

    log = generate_assignment(course=course, assignment_id="churn")
    assert "Converting notebook" in log
    assert (course.release_dir / "churn" / "churn.ipynb").is_file()

    roles = cell_roles(read_notebook(course.source_dir / "churn" / "churn.ipynb"))
    with open_gradebook(course) as gb:
        notebook = gb.find_notebook("churn", "churn")
        assert {c.name for c in notebook.grade_cells} == {g for g, r in roles.items() if r.grade}
        assert {c.name for c in notebook.solution_cells} == {g for g, r in roles.items() if r.solution}
        assert notebook.max_score == sum(r.points or 0 for r in roles.values() if r.grade)


def test_a_new_gradebook_gets_nbgraders_revision_without_a_subprocess(tmp_path, monkeypatch) -> None:
    import nbgrader.api
    from sqlalchemy import create_engine, text

    from mleprep.course import nbgrader_steps

    def no_subprocess() -> str:
        raise AssertionError("nbgrader ran `alembic heads` in a subprocess")

    monkeypatch.setattr(nbgrader.api, "get_alembic_version", no_subprocess)
    monkeypatch.setenv("MLEPREP_CACHE", str(tmp_path / "cache"))
    course = Course(tmp_path, db=f"sqlite:///{tmp_path / 'new.db'}")
    with nbgrader_steps.open_gradebook(course) as gb:
        assert gb.assignments == []
    engine = create_engine(f"sqlite:///{tmp_path / 'new.db'}")
    with engine.connect() as connection:
        (revision,) = connection.execute(text("SELECT version_num FROM alembic_version")).one()
    engine.dispose()
    assert revision == nbgrader_steps._alembic_head()


def test_registration_is_read_from_the_gradebook_without_nbgrader(tmp_path) -> None:
    from mleprep.course.nbgrader_steps import assignment_registered, generate_assignment

    course = copy_course(tmp_path / "course")
    assert not assignment_registered(course, "churn")
    generate_assignment(course=course, assignment_id="churn", release_dir=tmp_path / "release")
    assert assignment_registered(course, "churn") and not assignment_registered(course, "fraud")


def test_copies_made_through_links_are_dropped_but_restored_source_files_stay(tmp_path):
    from mleprep.course.nbgrader_steps import drop_linked_copies

    secret = tmp_path / "secret.csv"
    secret.write_text("row_id,label\n")
    submitted, dest = tmp_path / "submitted", tmp_path / "autograded"
    (submitted / "data").mkdir(parents=True)
    (submitted / "labels.csv").symlink_to(secret)
    (submitted / "data" / "train.csv").symlink_to(secret)  # nbgrader restored the source's own copy
    (submitted / "hidden").symlink_to(tmp_path, target_is_directory=True)
    (dest / "data").mkdir(parents=True)
    (dest / "hidden").mkdir()
    for name in ("labels.csv", "data/train.csv", "hidden/x.csv"):
        (dest / name).write_text("copied")
    drop_linked_copies(submitted, dest, restored={"data/train.csv"})
    assert not (dest / "labels.csv").exists() and not (dest / "hidden").exists()
    assert (dest / "data" / "train.csv").read_text() == "copied"
