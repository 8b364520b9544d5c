"""Does ruff's reading of a notebook reach the candidate's answer cells, and only those?"""

from __future__ import annotations

from mleprep.review.code_lint import lint_findings

ANSWERS = {"build_model"}


def codes(cells: list[tuple[str, str]]) -> list[tuple[str, str, int | None]]:
    return [(f.cell, f.message.split(":")[0], f.line) for f in lint_findings(cells, answers=ANSWERS)]


def test_an_unused_import_in_an_answer_cell_is_found_as_f401() -> None:
    (finding,) = lint_findings([("build_model", "x = 1\nimport os")], answers=ANSWERS)
    assert (finding.kind, finding.cell, finding.line) == ("lint", "build_model", 2)
    assert finding.message.startswith("F401:") and "os" in finding.message


def test_an_undefined_name_in_an_answer_cell_is_found_as_f821() -> None:
    (finding,) = lint_findings([("build_model", "print(X_train)")], answers=ANSWERS)
    assert finding.message.startswith("F821:") and "X_train" in finding.message


def test_a_name_imported_in_a_setup_cell_is_known_in_the_answer() -> None:
    cells = [("setup", "import pandas as pd"), ("build_model", "df = pd.DataFrame()")]
    assert codes(cells) == []


def test_a_name_defined_in_a_setup_cell_is_known_in_the_answer() -> None:
    cells = [("load_data", "train = [1, 2, 3]"), ("build_model", "print(len(train))")]
    assert codes(cells) == []


def test_findings_in_non_answer_cells_are_not_reported() -> None:
    cells = [("setup", "import os\nimport sys"), ("build_model", "x = 1")]
    assert codes(cells) == []


def test_a_finding_is_labelled_with_its_own_answer_cell() -> None:
    cells = [("setup", "y = 2"), ("build_model", "x = 1"), ("evaluate", "import json")]
    findings = lint_findings(cells, answers={"build_model", "evaluate"})
    assert [(f.cell, f.message[:4]) for f in findings] == [("evaluate", "F401")]


def test_an_ipython_magic_is_not_a_lint_finding() -> None:
    assert codes([("build_model", "%matplotlib inline\nx = 1")]) == []
