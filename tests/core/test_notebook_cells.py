"""Does every notebook shape (JSON, NotebookNode, repaired) give the same graded cells by grade_id?"""

from __future__ import annotations

import json

import nbformat
import pytest

from mleprep.core.notebook_cells import (
    answer_cells,
    answer_sources,
    cell_role,
    cell_roles,
    cell_source,
    cells_by_grade_id,
    grade_id,
    graded_cells_in_order,
    nbgrader_meta,
    read_notebook,
)
from tests.conftest import REPO


def cell(source, grade_id=None, *, cell_type="code", **meta):
    metadata = {}
    if grade_id is not None:
        metadata["nbgrader"] = {"grade_id": grade_id, **meta}
    return {"cell_type": cell_type, "metadata": metadata, "source": source}


def notebook(*cells):
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


ANSWER = cell(["def f():\n", "    return 1\n"], "answer_f", solution=True, grade=False, locked=False)
TEST = cell("assert f() == 1", "test_f", solution=False, grade=True, locked=True, points=2)
INTRO = cell("# Intro", "intro", cell_type="markdown", solution=False, grade=False, locked=True)
PLAIN = cell("print('no nbgrader here')")
NB = notebook(INTRO, ANSWER, PLAIN, TEST)


def as_node(nb):
    return nbformat.from_dict(json.loads(json.dumps(nb)))


def test_a_list_of_lines_and_a_string_read_as_the_same_source():
    assert cell_source(ANSWER) == "def f():\n    return 1\n"
    assert cell_source(TEST) == "assert f() == 1"
    assert cell_source({"metadata": {}}) == ""


def test_cells_without_nbgrader_metadata_have_no_grade_id():
    assert nbgrader_meta(PLAIN) == {} and grade_id(PLAIN) is None
    assert grade_id({"cell_type": "code", "source": ""}) is None


def test_an_emptied_nbgrader_table_left_by_a_repair_counts_as_none():
    repaired = {"cell_type": "code", "metadata": {"nbgrader": {}}, "source": "x = 1"}
    nulled = {"cell_type": "code", "metadata": {"nbgrader": None}, "source": "x = 1"}
    assert grade_id(repaired) is None and grade_id(nulled) is None
    assert cell_role(repaired) is None
    assert graded_cells_in_order(notebook(repaired, TEST)) == [("test_f", TEST)]


def test_graded_cells_come_in_notebook_order_without_ungraded_ones():
    assert [gid for gid, _ in graded_cells_in_order(NB)] == ["intro", "answer_f", "test_f"]


@pytest.mark.parametrize("shape", [lambda nb: nb, as_node], ids=["json", "NotebookNode"])
def test_json_and_notebook_node_give_the_same_cells(shape):
    nb = shape(NB)
    assert list(cells_by_grade_id(nb)) == ["intro", "answer_f", "test_f"]
    assert answer_sources(nb) == {"answer_f": "def f():\n    return 1\n"}
    roles = cell_roles(nb)
    assert {gid: r.role for gid, r in roles.items()} == {
        "intro": "locked cell",
        "answer_f": "answer cell",
        "test_f": "test cell",
    }
    assert roles["test_f"].points == 2


def test_a_notebook_read_by_nbformat_from_disk_has_the_reference_answers():
    path = REPO / "source" / "churn" / "churn.ipynb"
    from_json = answer_sources(read_notebook(path))
    from_node = answer_sources(nbformat.read(path, as_version=4))
    assert from_json and from_json == from_node


def test_a_duplicated_grade_id_counts_its_last_copy():
    first = cell("x = 1", "answer_f", solution=True)
    last = cell("x = 2", "answer_f", solution=True)
    nb = notebook(first, TEST, last)
    assert cells_by_grade_id(nb)["answer_f"] is last
    assert answer_sources(nb) == {"answer_f": "x = 2"}


def test_a_duplicated_grade_id_is_kept_twice_in_notebook_order():
    first = cell("x = 1", "answer_f", solution=True)
    last = cell("x = 2", "answer_f", solution=True)
    in_order = graded_cells_in_order(notebook(first, TEST, last))
    assert [(gid, c["source"]) for gid, c in in_order] == [
        ("answer_f", "x = 1"),
        ("test_f", "assert f() == 1"),
        ("answer_f", "x = 2"),
    ]


def test_the_role_of_a_duplicated_grade_id_is_its_last_copy():
    first = cell("x = 1", "dup", solution=True, grade=False)
    last = cell("assert x", "dup", solution=False, grade=True, points=1)
    assert cell_roles(notebook(first, last))["dup"].role == "test cell"


def test_answer_cells_are_the_solution_cells_only():
    assert list(answer_cells(NB)) == ["answer_f"]
    assert answer_cells(NB)["answer_f"] is ANSWER


def test_an_answer_cell_that_is_also_graded_is_an_answer_cell():
    graded_answer = cell(
        "YOUR ANSWER HERE", "essay", cell_type="markdown", solution=True, grade=True, points=5
    )
    role = cell_role(graded_answer)
    assert (role.solution, role.grade, role.role) == (True, True, "answer cell")


def test_a_cell_role_reads_its_flags_and_points():
    role = cell_role(TEST)
    assert (role.grade_id, role.points, role.solution, role.grade, role.locked, role.hidden) == (
        "test_f",
        2,
        False,
        True,
        True,
        False,
    )


def test_missing_flags_read_as_false_and_missing_points_as_none():
    role = cell_role(cell("x", "bare"))
    assert (role.points, role.solution, role.grade, role.locked, role.hidden) == (
        None,
        False,
        False,
        False,
        False,
    )
    assert role.role == "locked cell"


def test_a_cell_without_a_grade_id_has_no_role():
    assert cell_role(PLAIN) is None
    assert cell_role({"metadata": {"nbgrader": {"solution": True}}, "source": ""}) is None


def test_hidden_tests_are_detected_in_a_list_of_lines():
    hidden = cell(
        ["assert f() == 1\n", "### BEGIN HIDDEN TESTS\n", "assert f() != 2\n", "### END HIDDEN TESTS\n"],
        "test_hidden",
        grade=True,
        points=1,
    )
    assert cell_role(hidden).hidden
    assert not cell_role(TEST).hidden


def test_a_marker_split_across_lines_is_not_hidden():
    split = cell(["### BEGIN HIDDEN\n", "TESTS\n"], "test_split", grade=True)
    assert not cell_role(split).hidden


def test_cell_roles_skip_cells_without_a_grade_id():
    assert set(cell_roles(NB)) == {"intro", "answer_f", "test_f"}


def test_read_notebook_gives_plain_json(tmp_path):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(NB))
    assert read_notebook(path) == NB


@pytest.mark.parametrize("content", [b"not json at all", b"{", b"\xff\xfe\x00garbage"])
def test_read_notebook_names_a_file_that_is_not_json(tmp_path, content):
    path = tmp_path / "broken.ipynb"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=rf"{path.name} is not a readable notebook"):
        read_notebook(path)


@pytest.mark.parametrize("data", [[], {"cells": "none"}, {"cells": {"a": 1}}, "text", {"metadata": {}}])
def test_read_notebook_refuses_json_without_a_list_of_cells(tmp_path, data):
    path = tmp_path / "odd.ipynb"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match=rf"{path.name} is not a notebook \(no list of cells\)"):
        read_notebook(path)


def test_read_notebook_of_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        read_notebook(tmp_path / "absent.ipynb")
