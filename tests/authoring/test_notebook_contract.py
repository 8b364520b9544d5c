"""Does check_contract name assignment.toml and the key wherever the source notebook disagrees with it?"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from mleprep.authoring.notebook_contract import check_contract, graded_cells
from mleprep.core.toml_data import SpecError
from mleprep.course.root import Course
from tests.conftest import REPO, copy_course


@pytest.fixture
def course(tmp_path) -> Course:
    return copy_course(tmp_path / "course")


def folder(course: Course) -> Path:
    return course.source_dir / "churn"


def edit_notebook(course: Course, change) -> None:
    path = folder(course) / "churn.ipynb"
    nb = json.loads(path.read_text())
    change(nb)
    path.write_text(json.dumps(nb))


def edit_spec(course: Course, old: str, new: str) -> None:
    path = folder(course) / "assignment.toml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def cell(nb: dict, grade_id: str) -> dict:
    return next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def contract_error(course: Course, key: str) -> str:
    with pytest.raises(SpecError) as caught:
        check_contract(course.assignment("churn"))
    message = str(caught.value)
    spec = folder(course).resolve() / "assignment.toml"
    assert message.startswith(f"{spec}: key '{key}': "), message
    assert message.endswith("(in churn.ipynb)")
    return message


def test_the_repositorys_churn_notebook_keeps_its_contract():
    check_contract(Course(REPO).assignment("churn"))


def test_points_that_disagree_name_both_numbers(course):
    edit_notebook(course, lambda nb: cell(nb, "check_model")["metadata"]["nbgrader"].update(points=3))
    assert "2.0 here, 3 in the notebook" in contract_error(course, "checks[1].points")


def test_a_check_id_that_is_not_a_test_cell_is_named(course):
    edit_spec(course, 'id = "check_load"', 'id = "load_data"')
    assert "'load_data' is not an autograder test cell" in contract_error(course, "checks[0].id")


def test_a_visible_check_whose_cell_has_hidden_tests_is_named(course):
    def hide(nb):
        cell(nb, "check_model")["source"] += "\n### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS\n"

    edit_notebook(course, hide)
    assert "its kind is 'hidden', not 'visible'" in contract_error(course, "checks[1].kind")


def test_a_holdout_check_without_a_hidden_region_is_named(course):
    def reveal(nb):
        source = "".join(cell(nb, "holdout_quality")["source"])
        cell(nb, "holdout_quality")["source"] = re.sub(r"#+ (BEGIN|END) HIDDEN TESTS", "# tests", source)

    edit_notebook(course, reveal)
    assert "a 'holdout' check needs a hidden test region" in contract_error(course, "checks[5].kind")


def test_an_undeclared_graded_cell_is_named(course):
    def add(nb):
        extra = copy.deepcopy(cell(nb, "check_load"))
        extra["metadata"]["nbgrader"]["grade_id"] = "check_extra"
        extra.pop("id", None)
        nb["cells"].append(extra)

    edit_notebook(course, add)
    assert "the graded cell 'check_extra' is not declared" in contract_error(course, "checks")


def test_an_answers_entry_that_is_not_an_answer_cell_is_named(course):
    edit_spec(course, 'answers = ["load_data"]', 'answers = ["setup"]')
    assert "'setup' is not an answer cell" in contract_error(course, "checks[0].answers[0]")


def test_manual_points_that_disagree_are_named(course):
    edit_notebook(course, lambda nb: cell(nb, "summary")["metadata"]["nbgrader"].update(points=4))
    assert "5.0 here, 4 in the notebook" in contract_error(course, "manual[0].points")


def test_an_unreadable_notebook_is_a_spec_error_naming_it(course):
    notebook = folder(course) / "churn.ipynb"
    notebook.write_text("{ not json")
    with pytest.raises(SpecError, match="cannot read the notebook") as caught:
        check_contract(course.assignment("churn"))
    assert str(caught.value).startswith(f"{notebook.resolve()}: ")
    with pytest.raises(SpecError, match="cannot read the notebook"):
        graded_cells(notebook.parent / "missing.ipynb")
