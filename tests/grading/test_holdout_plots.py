"""Are holdout plots drawn from a replayed export: ROC and confusion matrix, or residuals for a regressor?"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification, make_regression
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.svm import LinearSVC

from mleprep import handin
from mleprep.course.root import Course
from mleprep.course.spec import Task
from tests.conftest import REPO

PNG = b"\x89PNG\r\n\x1a\n"
TASK = Task(target="label", id_column="row_id", holdout_features="features.csv")


@pytest.fixture(scope="module")
def holdout_plots():
    # Imported here so that a broken import fails these tests, not the collection of the whole suite.
    from mleprep.grading.holdout_plots import holdout_plots

    return holdout_plots


@pytest.fixture(scope="module")
def assignment():
    return replace(Course(REPO).assignment("churn"), task=TASK)


def exported(tmp_path: Path, monkeypatch, model, X: np.ndarray, y: np.ndarray) -> tuple[Path, Path]:
    """(export file, labels file) of `model` fitted on X, y and answering for the same rows."""
    columns = [f"f{i}" for i in range(X.shape[1])]
    model.fit(pd.DataFrame(X, columns=columns), y)
    ids = [f"r{i:03d}" for i in range(len(X))]
    features = pd.DataFrame(X, columns=columns)
    features.insert(0, "row_id", ids)
    features.to_csv(tmp_path / "features.csv", index=False)
    pd.DataFrame({"row_id": ids, "label": y}).to_csv(tmp_path / "labels.csv", index=False)
    monkeypatch.chdir(tmp_path)
    handin.export_responses("holdout_quality", model, "features.csv", id_column="row_id")
    return handin.export_path("holdout_quality", tmp_path), tmp_path / "labels.csv"


def draw(holdout_plots, assignment, export_file, labels_file, out_dir) -> list[Path]:
    return holdout_plots(
        assignment=assignment, export_file=export_file, labels_file=labels_file, out_dir=out_dir
    )


def test_a_binary_classifier_with_probabilities_gets_a_roc_curve_and_a_confusion_matrix(
    tmp_path, monkeypatch, holdout_plots, assignment
):
    X, y = make_classification(n_samples=80, n_features=4, random_state=0)
    export_file, labels = exported(tmp_path, monkeypatch, LogisticRegression(), X, y)
    out = tmp_path / "feedback"
    plots = draw(holdout_plots, assignment, export_file, labels, out)
    assert plots == [out / "roc_curve.png", out / "confusion_matrix.png"]
    assert all(p.read_bytes().startswith(PNG) for p in plots)


def test_a_classifier_with_only_a_decision_function_still_gets_a_roc_curve(
    tmp_path, monkeypatch, holdout_plots, assignment
):
    X, y = make_classification(n_samples=80, n_features=4, random_state=1)
    export_file, labels = exported(tmp_path, monkeypatch, LinearSVC(), X, y)
    assert "predict_proba" not in json.loads(export_file.read_text())["responses"]
    plots = draw(holdout_plots, assignment, export_file, labels, tmp_path / "feedback")
    assert [p.name for p in plots] == ["roc_curve.png", "confusion_matrix.png"]


def test_a_classifier_with_labels_only_gets_just_a_confusion_matrix(
    tmp_path, monkeypatch, holdout_plots, assignment
):
    X, y = make_classification(n_samples=80, n_features=4, random_state=2)
    export_file, labels = exported(tmp_path, monkeypatch, LogisticRegression(), X, y)
    data = json.loads(export_file.read_text())
    data["responses"] = {"predict": data["responses"]["predict"]}
    export_file.write_text(json.dumps(data))
    plots = draw(holdout_plots, assignment, export_file, labels, tmp_path / "feedback")
    assert [p.name for p in plots] == ["confusion_matrix.png"]


def test_a_regressor_gets_a_residual_plot(tmp_path, monkeypatch, holdout_plots, assignment):
    X, y = make_regression(n_samples=60, n_features=3, noise=5, random_state=0)
    export_file, labels = exported(tmp_path, monkeypatch, LinearRegression(), X, y)
    out = tmp_path / "feedback"
    plots = draw(holdout_plots, assignment, export_file, labels, out)
    assert plots == [out / "residuals.png"]
    assert plots[0].read_bytes().startswith(PNG)


def test_an_export_that_cannot_be_replayed_draws_nothing(tmp_path, monkeypatch, holdout_plots, assignment):
    X, y = make_classification(n_samples=80, n_features=4, random_state=3)
    export_file, labels = exported(tmp_path, monkeypatch, LogisticRegression(), X, y)
    data = json.loads(export_file.read_text())
    data["ids"] = data["ids"][:-1]  # one holdout row missing
    export_file.write_text(json.dumps(data))
    out = tmp_path / "feedback"
    assert draw(holdout_plots, assignment, export_file, labels, out) == []
    assert draw(holdout_plots, assignment, tmp_path / "no_export.json", labels, out) == []
    assert not out.exists()
