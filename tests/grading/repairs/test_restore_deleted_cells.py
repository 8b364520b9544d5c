"""Are deleted test and locked cells put back from the gradebook in source order, answer cells not?"""

from __future__ import annotations

import copy
import json

import nbformat
import pytest
from nbgrader.api import Gradebook
from nbgrader.preprocessors import DeduplicateIds, OverwriteCells, SaveCells

from mleprep.course.nbgrader_steps import put_environment_on_path
from mleprep.grading.repairs.restore_deleted_cells import RestoreDeletedCells, _assignment_cell_id
from tests import hostile_notebooks as h

pytestmark = pytest.mark.filterwarnings("ignore::nbformat.warnings.DuplicateCellId")


@pytest.fixture(scope="module")
def resources(tmp_path_factory) -> dict:
    """A gradebook holding the released churn notebook's cells, as nbgrader's SaveCells records them."""
    put_environment_on_path()  # nbgrader runs `alembic` by name when it creates a gradebook
    db_url = f"sqlite:///{tmp_path_factory.mktemp('gradebook') / 'gradebook.db'}"
    with Gradebook(db_url) as gb:
        gb.add_assignment("churn")
    res = {"nbgrader": {"db_url": db_url, "assignment": "churn", "notebook": "churn"}}
    SaveCells().preprocess(nbformat.read(h.RELEASED, as_version=4), copy.deepcopy(res))
    return res


def node(nb: dict) -> nbformat.NotebookNode:
    return nbformat.reads(json.dumps(nb), as_version=4)


def restore(nb: dict, resources: dict, preprocessor=None) -> nbformat.NotebookNode:
    out, _ = (preprocessor or RestoreDeletedCells()).preprocess(node(nb), copy.deepcopy(resources))
    return out


def ids(nb) -> list[str | None]:
    return [(c.metadata.get("nbgrader") or {}).get("grade_id") for c in nb.cells]


def test_an_honest_notebook_gets_nothing_added(resources):
    assert ids(restore(h.reference(), resources)) == ids(node(h.reference()))


def test_a_deleted_test_cell_comes_back_after_its_answer_with_its_points(resources):
    nb = restore(h.without(h.reference(), "check_model"), resources)
    assert ids(nb) == ids(node(h.reference()))
    cell = nb.cells[ids(nb).index("check_model")]
    assert (cell.metadata.nbgrader["grade"], cell.metadata.nbgrader["points"]) == (True, 2)
    assert "was missing from the submission" in cell.source


def test_deleted_locked_cells_come_back_in_place_without_points(resources):
    nb = restore(h.without(h.reference(), "intro", "setup", "task_model"), resources)
    assert ids(nb) == ids(node(h.reference()))
    for name in ("setup", "task_model"):
        meta = nb.cells[ids(nb).index(name)].metadata.nbgrader
        assert meta["grade"] is False and "points" not in meta and meta["locked"] is True
    assert nb.cells[ids(nb).index("setup")].cell_type == "code"


def test_a_deleted_answer_cell_stays_deleted(resources):
    nb = restore(h.without(h.reference(), "build_model"), resources)
    assert "build_model" not in ids(nb)
    assert ids(nb) == [i for i in ids(node(h.reference())) if i != "build_model"]


def test_a_test_cell_whose_answer_is_also_gone_follows_the_nearest_earlier_cell(resources):
    nb = restore(h.without(h.reference(), "build_model", "check_model"), resources)
    assert ids(nb)[ids(nb).index("task_model") + 1] == "check_model"
    # nbgrader's own OverwriteCells looks for the deleted predecessor and fails there.
    with pytest.raises(KeyError):
        restore(
            h.without(h.reference(), "build_model", "check_model"),
            resources,
            OverwriteCells(add_missing_cells=True),
        )


def test_a_cell_emptied_by_deduplication_does_not_stop_the_restore(resources):
    deduplicated, _ = DeduplicateIds().preprocess(node(h.without(h.duplicated(), "setup")), {})
    assert any(c.metadata.get("nbgrader") == {} for c in deduplicated.cells)
    nb, _ = RestoreDeletedCells().preprocess(deduplicated, copy.deepcopy(resources))
    assert ids(nb).count("setup") == 1 and ids(nb).index("setup") == ids(nb).index("intro") + 1


def _cell(**nbgrader) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("x = 1")
    if nbgrader:
        cell.metadata["nbgrader"] = nbgrader
    return cell


@pytest.mark.parametrize("role", ["grade", "solution", "locked"])
def test_graded_answer_and_locked_cells_are_part_of_the_assignment(role):
    assert _assignment_cell_id(_cell(grade_id="c1", **{role: True})) == "c1"


def test_other_cells_are_not_part_of_the_assignment():
    assert _assignment_cell_id(_cell()) is None
    assert _assignment_cell_id(_cell(grade_id="c1", grade=False, solution=False, locked=False)) is None
