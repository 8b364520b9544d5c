"""Is the catalogue complete, and do its hidden and visible checks catch what real reviewers catch?

The traps are graded for real: a copy of each reference solution with one realistic mistake, through
nbgrader and sandboxed kernels, scored outside the kernel.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mleprep.course.spec import TAKE_HOME_LIMITS_S
from mleprep.grading.batch import grade
from tests.conftest import REPO, copy_course

TAKE_HOMES = ["churn", "courses", "demand", "fraud", "prices", "sentiment"]


def test_the_catalogue_has_six_documented_take_homes(repo_course) -> None:
    take_homes = [a for a in repo_course.assignments() if a.kind == "take-home"]
    assert sorted(a.id for a in take_homes) == TAKE_HOMES
    low, high = TAKE_HOME_LIMITS_S
    for a in take_homes:
        assert low <= a.time_limit_s <= high and len(a.skills) >= 4, a.id
        assert a.dataset and a.dataset.source and a.dataset.licence, (
            f"{a.id}: record the data's source and licence"
        )
        assert a.manual and a.metric and any(c.kind == "holdout" for c in a.checks), a.id
        readme = (a.folder / "README.md").read_text()
        assert "## Calibration" in readme and "verify baseline" in readme, f"{a.id}: calibrate the thresholds"
        hidden = repo_course.hidden_dir(a.id)
        assert (hidden / "holdout_labels.csv").is_file() and (hidden / "baseline.toml").is_file(), a.id
        assert (a.folder / "data" / "SHA256SUMS").is_file() and (hidden / "SHA256SUMS").is_file(), a.id


@pytest.mark.parametrize("script", sorted(p.name for p in (REPO / "scripts").glob("make_*_notebook.py")))
def test_each_notebook_is_what_its_script_writes(script: str) -> None:
    name = script.removeprefix("make_").removesuffix("_notebook.py")
    notebook = REPO / "source" / name / f"{name}.ipynb"
    before = notebook.read_bytes()
    result = subprocess.run([sys.executable, str(REPO / "scripts" / script)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert notebook.read_bytes() == before, (
        f"run scripts/{script}, then mleprep release {name}, and commit both"
    )


def _with_mistake(assignment_id: str, grade_id: str, old: str, new: str) -> dict:
    nb = json.loads((REPO / "source" / assignment_id / f"{assignment_id}.ipynb").read_text())
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)
    assert old in cell["source"], f"{assignment_id}/{grade_id}: the reference changed; update this trap"
    cell["source"] = cell["source"].replace(old, new)
    return nb


TRAPS = {
    # The disputes team's column, filled in weeks after the payment, kept as a feature.
    "fraud": (
        "load_data",
        'return table.drop(columns=["timestamp", "customer_id", "chargeback_days"])',
        'return table.drop(columns=["timestamp", "customer_id"])',
        {"usable_at_payment_time": ("failed", "hidden check"), "holdout_estimate": ("failed", "off by")},
    ),
    # A shuffled split for the backtest, replacing the reference's time-ordered ones.
    "demand": (
        "backtest_model",
        "rows = []",
        "from sklearn.model_selection import KFold\n"
        "cv_splits = list(KFold(4, shuffle=True, random_state=0).split(X))\nrows = []",
        {"check_backtest": ("failed", "look-ahead")},
    ),
    # Three random enrolments per learner instead of the last three.
    "courses": (
        "split",
        "_held = (_from_end < 3) & (_count >= 8)",
        '_random = enrolments.sample(frac=1, random_state=0).groupby("learner_id").cumcount()\n'
        "_held = (_random < 3) & (_count >= 8)",
        {"check_split": ("failed", "look-ahead")},
    ),
    # Fitted on log(price) and never turned back into dollars.
    "prices": (
        "build_model",
        "model.fit(X, y)",
        "model = make_pipeline(preprocess, RidgeCV())\nmodel.fit(X, np.log(y))",
        {"check_model": ("failed", "should be prices in dollars")},
    ),
}


@pytest.mark.parametrize("assignment_id", sorted(TRAPS))
def test_each_take_home_catches_its_classic_mistake(assignment_id: str, tmp_path: Path) -> None:
    grade_id, old, new, expected = TRAPS[assignment_id]
    course = copy_course(tmp_path / "course", assignment_id)
    folder = tmp_path / "subs" / "candidate"
    folder.mkdir(parents=True)
    nb = _with_mistake(assignment_id, grade_id, old, new)
    (folder / f"{assignment_id}.ipynb").write_text(json.dumps(nb))
    (result,) = grade(
        course=course, assignment_id=assignment_id, submissions=tmp_path / "subs", jobs=1
    ).results
    assert result.status == "graded", result.error
    outcomes = {c.id: (c.outcome, c.message) for c in result.checks}
    for check_id, (outcome, says) in expected.items():
        assert outcomes[check_id][0] == outcome and says in outcomes[check_id][1], outcomes[check_id]
    assert result.score < result.max_score
