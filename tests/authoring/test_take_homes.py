"""Is the catalogue complete, and do its hidden and visible checks catch what real reviewers catch?

The traps are graded for real: a copy of each reference solution with one realistic mistake, through
nbgrader and sandboxed kernels, scored outside the kernel.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mleprep.authoring.calibration_report import MARKER
from mleprep.course.spec import TAKE_HOME_LIMITS_S
from mleprep.grading.batch import grade
from tests.conftest import REPO, copy_course

# Discovered, never listed: a new take-home is picked up by every rule below.
TAKE_HOMES = sorted(
    p.parent.name
    for p in (REPO / "source").glob("*/assignment.toml")
    if 'kind = "modelling"' in p.read_text()
)


def test_the_catalogue_is_found_without_a_list() -> None:
    assert TAKE_HOMES, "no take-home found under source/*/assignment.toml"


@pytest.mark.parametrize("assignment_id", TAKE_HOMES)
def test_each_take_home_is_documented_and_calibrated(repo_course, assignment_id: str) -> None:
    a = repo_course.assignment(assignment_id)
    low, high = TAKE_HOME_LIMITS_S
    assert low <= a.time_limit_s <= high, f"{a.spec_path}: time_limit must be 3h to 8h"
    assert len(a.skills) >= 4, f"{a.spec_path}: list at least 4 skills the take-home practises"
    assert a.dataset and a.dataset.source and a.dataset.licence not in ("", "not recorded"), (
        f"{a.spec_path}: record the data's source and licence in [dataset]"
    )
    assert a.manual, f"{a.spec_path}: add a [[manual]] written summary graded on a rubric"
    assert a.metric and any(c.kind == "holdout" for c in a.checks), (
        f"{a.spec_path}: add a [metric] and a holdout check: a take-home is graded on unseen data"
    )
    hidden = repo_course.hidden_dir(a.id)
    for name in ("holdout_labels.csv", "baseline.toml", "SHA256SUMS"):
        assert (hidden / name).is_file(), f"{hidden / name} is missing (see source/README.md for its format)"
    assert (a.folder / "data" / "SHA256SUMS").is_file(), f"{a.folder}/data/SHA256SUMS is missing"
    readme = (a.folder / "README.md").read_text()
    assert MARKER in readme, f"{a.folder}/README.md has no calibration: run mleprep calibrate {a.id} --write"


@pytest.mark.parametrize("assignment_id", TAKE_HOMES)
def test_each_source_notebook_is_a_valid_notebook_nbgrader_can_release(assignment_id: str) -> None:
    # The notebook is its own source (edited in JupyterLab); nbformat's schema is the contract.
    import nbformat

    path = REPO / "source" / assignment_id / f"{assignment_id}.ipynb"
    nbformat.validate(nbformat.read(path, as_version=4))


def _with_mistake(assignment_id: str, grade_id: str, old: str, new: str) -> dict:
    nb = json.loads((REPO / "source" / assignment_id / f"{assignment_id}.ipynb").read_text())
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)
    assert old in cell["source"], f"{assignment_id}/{grade_id}: the reference changed; update this trap"
    cell["source"] = cell["source"].replace(old, new)
    return nb


TRAPS = {
    # The target not shifted: "tomorrow's" return is today's, so the model learns to copy a feature.
    "stocks": (
        "make_windows",
        'windows["next_return"] = per_stock.shift(-1)',
        'windows["next_return"] = daily',
        {"check_windows": ("failed", "yours equals r_1")},
    ),
    # The default threshold of 0.5, kept for a decision where a missed cancer costs far more.
    "diagnosis": (
        "threshold",
        "threshold = float(candidates[np.argmax(recalls >= 0.98)])",
        "threshold = 0.5",
        {"check_threshold": ("failed", "malignant samples of")},
    ),
    # The digit treated as a quantity: a regressor, as if a 7 were "more" than a 1.
    "digits": (
        "build_model",
        "model = make_pipeline(preprocess, HistGradientBoostingClassifier(random_state=RANDOM_STATE))",
        "from sklearn.ensemble import HistGradientBoostingRegressor\n\n"
        "model = make_pipeline(preprocess, HistGradientBoostingRegressor(random_state=RANDOM_STATE))",
        {"check_model": ("failed", "should be a scikit-learn classifier")},
    ),
    # Quality measured on the emails the model was fitted on: near perfect, and not what new mail gets.
    "spam": (
        "evaluate",
        'cv_scores = cross_val_score(clone(model), X, y, cv=folds, scoring="average_precision")',
        "from sklearn.metrics import average_precision_score\n"
        "cv_scores = [average_precision_score(y, model.predict_proba(X)[:, 1])] * 5",
        {"holdout_estimate": ("failed", "off by")},
    ),
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
