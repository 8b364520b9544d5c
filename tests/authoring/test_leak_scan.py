"""Does the leak scan catch each way hidden material can reach candidates?"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mleprep.authoring.leak_scan import scan_release
from mleprep.course.spec import load_assignment
from tests.conftest import REPO


@pytest.fixture
def release(tmp_path: Path) -> Path:
    out = tmp_path / "churn"
    shutil.copytree(REPO / "assignments" / "churn", out)
    return out


def scan(release: Path) -> list[str]:
    assignment = load_assignment(REPO / "source" / "churn")
    return [
        str(leak)
        for leak in scan_release(release, assignment=assignment, hidden_dir=REPO / "autograders" / "churn")
    ]


def edit_cell(release: Path, grade_id: str, source: str) -> None:
    path = release / "churn.ipynb"
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            cell["source"] = source
    path.write_text(json.dumps(nb))


def test_the_committed_release_is_clean(release):
    assert scan(release) == []


def test_a_solution_marker_is_a_leak(release):
    edit_cell(release, "build_model", "### BEGIN SOLUTION\nmodel = None\n### END SOLUTION")
    assert any("marker 'BEGIN SOLUTION'" in leak for leak in scan(release))


def test_solution_code_without_markers_is_a_leak(release):
    source = json.loads((REPO / "source" / "churn" / "churn.ipynb").read_text())
    cell = next(c for c in source["cells"] if c["metadata"]["nbgrader"]["grade_id"] == "build_model")
    solution = "".join(cell["source"]).replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", "")
    edit_cell(release, "build_model", solution)
    assert any("reveals" in leak and "build_model" in leak for leak in scan(release))


def test_hidden_test_code_is_a_leak(release):
    edit_cell(
        release,
        "holdout_quality",
        'export_responses("holdout_quality", model, "data/holdout_features.csv", '
        'id_column="customer_id", prepare=clean)',
    )
    assert any("holdout_quality" in leak for leak in scan(release))


def test_a_copy_of_the_labels_under_another_name_is_a_leak(release):
    shutil.copy(REPO / "autograders" / "churn" / "holdout_labels.csv", release / "data" / "extra.csv")
    leaks = scan(release)
    assert any("copy of the hidden grading file holdout_labels.csv" in leak for leak in leaks)
    assert any("has the target column 'churn'" in leak for leak in leaks)


def test_a_file_named_like_labels_is_a_leak(release):
    (release / "data" / "my_labels.txt").write_text("nothing")
    assert any("labels or solutions" in leak for leak in scan(release))


def test_notebook_outputs_are_a_leak(release):
    path = release / "churn.ipynb"
    nb = json.loads(path.read_text())
    code = next(c for c in nb["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "cv_auc 0.84"}]
    path.write_text(json.dumps(nb))
    assert any("has outputs" in leak for leak in scan(release))


def test_released_history_of_holdout_users_is_not_an_answer_key(tmp_path: Path) -> None:
    assignment = load_assignment(REPO / "source" / "courses")
    release = tmp_path / "courses"
    shutil.copytree(REPO / "assignments" / "courses", release)
    hidden = REPO / "autograders" / "courses"
    assert scan_release(release, assignment=assignment, hidden_dir=hidden) == []
    labels = (hidden / "holdout_labels.csv").read_text().splitlines()
    with (release / "data" / "enrolments.csv").open("a") as f:
        learner, course = labels[1].split(",")
        f.write(f"{learner},{course},2025-12-31\n")
    (leak,) = scan_release(release, assignment=assignment, hidden_dir=hidden)
    assert "has the target column 'course_id' for 1 holdout rows" in str(leak)
