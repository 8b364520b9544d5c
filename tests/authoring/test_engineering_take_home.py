"""Engineering take-homes: a package graded as submitted, whose robustness is tested for real.

Graded through nbgrader and sandboxed kernels: the reference notebook with the reference package,
and with a package that scores rows without checking them, as a hurried candidate ships it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mleprep.authoring.calibration_report import MARKER
from mleprep.authoring.trial_grading import Trial
from mleprep.core.defaults import REFERENCE_DIR
from tests.conftest import REPO

ENGINEERING = sorted(
    p.parent.name
    for p in (REPO / "source").glob("*/assignment.toml")
    if 'kind = "engineering"' in p.read_text()
)


def test_the_catalogue_has_an_engineering_take_home() -> None:
    assert ENGINEERING


@pytest.mark.parametrize("assignment_id", ENGINEERING)
def test_each_engineering_take_home_ships_stubs_and_keeps_its_reference_hidden(
    repo_course, assignment_id: str
) -> None:
    a = repo_course.assignment(assignment_id)
    assert a.package_paths, f"{a.spec_path}: name the package and its tests in [package] paths"
    hidden = repo_course.hidden_dir(a.id)
    for rel in a.package_paths:
        assert (hidden / REFERENCE_DIR / rel).exists(), (
            f"the reference's {rel} belongs in {hidden}/reference/"
        )
        assert (repo_course.release_dir / a.id / rel).exists(), f"the starter's {rel} is released"
    assert a.metric and any(c.kind == "holdout" for c in a.checks), (
        "the served model is scored on the holdout"
    )
    assert a.manual, "documentation and code quality are read by a mentor on a rubric"
    assert MARKER in (a.folder / "README.md").read_text(), f"run mleprep calibrate {a.id} --write"


def test_a_package_that_crashes_on_a_malformed_row_loses_the_robustness_points(
    repo_course, tmp_path: Path
) -> None:
    hurried = tmp_path / "hurried"
    shutil.copytree(repo_course.hidden_dir("serving") / REFERENCE_DIR, hurried)
    module = hurried / "churn_service" / "__init__.py"
    source = module.read_text()
    # Reads each field with row[field]: a row without one crashes with KeyError instead of a ValueError
    # that names the row and the field.
    checked = "row.get(field, _MISSING)"
    assert checked in source, "the reference changed: update this test's hurried package"
    unchecked = "row[field]"
    module.write_text(source.replace(checked, unchecked))
    with Trial(repo_course, "serving") as trial:
        trial.add("hurried", trial.reference, package_from=hurried)
        trial.add("careful", trial.reference)
        results = trial.grade(jobs=2)
    careful = {c.id: c for c in results["careful"].checks}
    assert all(c.outcome == "passed" for c in careful.values()), careful
    hurried_checks = {c.id: c for c in results["hurried"].checks}
    robustness = hurried_checks["hidden_robustness"]
    assert robustness.outcome == "failed" and robustness.points == 0, robustness
    assert "Traceback" not in robustness.message
    # It still serves good rows: what it does with bad input is what costs it.
    assert hurried_checks["holdout_quality"].outcome == "passed"
    assert hurried_checks["hidden_latency"].outcome == "passed"
