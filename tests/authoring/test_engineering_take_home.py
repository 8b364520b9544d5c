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
from mleprep.core.notebook_cells import answer_cells, cell_source
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
    cheat, cheat_package = _cheat(repo_course, tmp_path)
    with Trial(repo_course, "serving") as trial:
        trial.add("hurried", trial.reference, package_from=hurried)
        trial.add("careful", trial.reference)
        trial.add("cheat", cheat, package_from=cheat_package)
        trial.add("idle-tests", trial.reference, package_from=_idle_tests(repo_course, tmp_path))
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
    # Tests, lint and speed are probed in a process of their own: patches made in the notebook's
    # kernel (a fake subprocess.run, a fake clock) change nothing.
    cheat_checks = {c.id: c for c in results["cheat"].checks}
    for check_id, says in (
        ("hidden_tests", "1 failed"),
        ("hidden_lint", "F401"),
        ("hidden_latency", "too slow"),
    ):
        assert cheat_checks[check_id].outcome == "failed" and says in cheat_checks[check_id].message, check_id
    # Tests that pass whatever the package does earn nothing.
    idle = {c.id: c for c in results["idle-tests"].checks}["hidden_tests"]
    assert idle.outcome == "failed" and "refuses nothing" in idle.message, idle


def _idle_tests(repo_course, tmp_path: Path) -> Path:
    """The reference package with three tests that pass whatever the package does."""
    package = tmp_path / "idle"
    shutil.copytree(repo_course.hidden_dir("serving") / REFERENCE_DIR, package)
    (package / "tests" / "test_service.py").write_text(
        "".join(f"def test_{n}():\n    assert True\n\n\n" for n in ("one", "two", "three")).rstrip() + "\n"
    )
    return package


def _cheat(repo_course, tmp_path: Path) -> tuple[dict, Path]:
    """A slow package with a failing test and an unused import, and a notebook that fakes the tools
    in its kernel: pytest and ruff 'pass', the clock stands still."""
    package = tmp_path / "cheat"
    shutil.copytree(repo_course.hidden_dir("serving") / REFERENCE_DIR, package)
    (package / "tests" / "test_broken.py").write_text("def test_broken():\n    assert 1 == 2\n")
    module = package / "churn_service" / "__init__.py"
    source = module.read_text().replace(
        "    features = validate(records)\n",
        "    __import__('time').sleep(0.3)\n    features = validate(records)\n",
    )
    module.write_text(
        source.replace(
            "from __future__ import annotations\n", "from __future__ import annotations\nimport os\n", 1
        )
    )
    with Trial(repo_course, "serving") as trial:
        nb = trial.reference
    cell = answer_cells(nb)["train_model"]
    cell["source"] = cell_source(cell) + (
        "\n\nimport subprocess as _sp, time as _time, types as _types\n"
        "_sp.run = lambda *a, **k: _types.SimpleNamespace(returncode=0, stdout='3 passed', stderr='')\n"
        "_time.perf_counter = lambda: 0.0\n"
    )
    return nb, package
