"""Can a batch of real submissions be graded with real kernels, whatever they contain?

One batch, graded once: the reference, the untouched starter, a broken file, a renamed notebook,
a weak model (partial credit), an estimate measured on training data, and a dummy model whose
notebook patches scikit-learn's metric in its kernel.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from mleprep.batch import grade
from mleprep.nbgrader_steps import open_gradebook
from tests.conftest import REPO, copy_course, notebook_with, tree_digest, write_submission

RELEASED = REPO / "assignments" / "churn" / "churn.ipynb"
WEAK_MODEL = """
from sklearn.compose import make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

model = make_pipeline(make_column_transformer((SimpleImputer(), ["tenure"])), LogisticRegression())
model.fit(X, y)
"""
OVERFIT_ESTIMATE = """
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

model = RandomForestClassifier(n_estimators=50, random_state=0)
model = make_pipeline(preprocess, model).fit(X, y)
cv_scores = [roc_auc_score(y, model.predict_proba(X)[:, 1])] * 5  # scored on the data it was fitted on
cv_auc = float(np.mean(cv_scores))
"""
DUMMY_AND_PATCHED_METRIC = """
import sklearn.metrics
import sklearn.metrics._ranking
from sklearn.dummy import DummyClassifier

model = DummyClassifier(strategy="prior").fit(X, y)
sklearn.metrics.roc_auc_score = sklearn.metrics._ranking.roc_auc_score = lambda *a, **k: 1.0
"""


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    course = copy_course(root / "course")
    subs = root / "submissions"
    write_submission(subs, "reference", notebook_with({}))
    write_submission(subs, "starter", RELEASED.read_text())
    write_submission(subs, "broken", '{"cells": [')
    write_submission(subs, "renamed", notebook_with({}), name="Churn final (2).ipynb")
    write_submission(subs, "weak", notebook_with({"build_model": WEAK_MODEL}))
    source = notebook_with({})
    build = next(c for c in source["cells"] if c["metadata"]["nbgrader"]["grade_id"] == "build_model")
    preprocess = "".join(build["source"]).split("model = make_pipeline")[0].replace("### BEGIN SOLUTION", "")
    write_submission(subs, "overfit", notebook_with({"evaluate": preprocess + OVERFIT_ESTIMATE}))
    write_submission(subs, "patcher", notebook_with({"build_model": DUMMY_AND_PATCHED_METRIC}))
    before = tree_digest(subs)
    seen = []
    report = grade(
        course=course,
        assignment_id="churn",
        submissions=subs,
        progress=lambda r, done, total: seen.append((done, total)),
    )
    return {
        "course": course,
        "subs": subs,
        "before": before,
        "report": report,
        "progress": seen,
        "by": {r.candidate: r for r in report.results},
    }


def outcomes(result):
    return {c.id: c.outcome for c in result.checks}


def test_every_submission_gets_a_result_and_progress_is_reported(graded):
    assert sorted(graded["by"]) == ["broken", "overfit", "patcher", "reference", "renamed", "starter", "weak"]
    assert graded["progress"][-1] == (7, 7)


def test_the_reference_earns_full_marks(graded):
    ref = graded["by"]["reference"]
    assert (ref.status, ref.score, ref.max_score) == ("graded", 12.0, 12.0)
    assert set(outcomes(ref).values()) == {"passed"}
    assert ref.manual_max_score == 5


def test_the_untouched_starter_scores_zero_as_not_attempted(graded):
    starter = graded["by"]["starter"]
    assert (starter.status, starter.score) == ("graded", 0.0)
    assert set(outcomes(starter).values()) == {"not attempted"}


def test_a_broken_file_is_an_error_with_a_message_and_the_batch_goes_on(graded):
    broken = graded["by"]["broken"]
    assert broken.status == "error" and broken.score is None
    assert "not a readable notebook" in broken.error


def test_a_renamed_notebook_is_graded_and_the_rename_is_noted(graded):
    renamed = graded["by"]["renamed"]
    assert (renamed.status, renamed.score) == ("graded", 12.0)
    assert "Churn final (2).ipynb" in renamed.notes[0]


def test_a_weak_model_earns_partial_credit_in_the_gradebook(graded):
    weak = graded["by"]["weak"]
    quality = next(c for c in weak.checks if c.id == "holdout_quality")
    assert (quality.outcome, quality.points) == ("failed", 1.25)
    assert "25% of the points" in quality.message
    with open_gradebook(graded["course"]) as gb:
        assert gb.find_submission("churn", "weak").score == pytest.approx(weak.score)
        assert gb.find_submission("churn", "reference").score == pytest.approx(12.0)


def test_an_estimate_measured_on_training_data_fails_the_honesty_check(graded):
    overfit = graded["by"]["overfit"]
    estimate = next(c for c in overfit.checks if c.id == "holdout_estimate")
    assert estimate.outcome == "failed"
    assert "fitted on" in estimate.message


def test_patching_the_metric_inside_the_kernel_does_not_raise_the_score(graded):
    patcher = graded["by"]["patcher"]
    quality = next(c for c in patcher.checks if c.id == "holdout_quality")
    assert (quality.outcome, quality.points) == ("failed", 0.0)
    assert "0.5000" in quality.message


def test_original_submissions_are_byte_identical(graded):
    assert tree_digest(graded["subs"]) == graded["before"]


def test_feedback_shows_outcomes_but_no_hidden_code_or_labels(graded):
    for name, result in graded["by"].items():
        if result.status != "graded":
            continue
        html = Path(result.feedback).read_text()
        for secret in ("HIDDEN TESTS", "export_responses", "export_value", "holdout_labels", "autograders"):
            assert secret not in html, (name, secret)
        assert "Grader:" in html


def test_scores_csv_and_results_json_list_every_candidate(graded):
    report = graded["report"]
    with open(report.scores_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["candidate"] for r in rows] == sorted(graded["by"])
    assert rows[0].keys() >= {"candidate", "status", "score", "max_score", "holdout_quality", "error"}
    data = json.loads(Path(report.results_json).read_text())
    assert data["assignment"] == "churn" and len(data["results"]) == 7
    check = (
        data["results"][0]["checks"][0] if data["results"][0]["checks"] else data["results"][1]["checks"][0]
    )
    assert set(check) == {"id", "title", "kind", "outcome", "points", "max_points", "message"}


def test_an_infinite_loop_is_stopped_by_the_budget_and_graded(tmp_path):
    course = copy_course(tmp_path / "course")
    subs = tmp_path / "subs"
    write_submission(subs, "looper", notebook_with({"evaluate": "while True:\n    pass"}))
    report = grade(course=course, assignment_id="churn", submissions=subs, timeout_s=10)
    result = report.results[0]
    assert result.status == "graded"
    evaluation = next(c for c in result.checks if c.id == "check_evaluation")
    assert evaluation.outcome == "error"
    assert "the answer cell 'evaluate' raised KeyboardInterrupt" in evaluation.message
    assert "time budget" in evaluation.message
    assert next(c for c in result.checks if c.id == "holdout_quality").outcome == "passed"
