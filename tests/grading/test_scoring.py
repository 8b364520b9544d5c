"""Does replaying exported answers through get_scorer give what the live model would get?"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification, make_regression
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import get_scorer

from mleprep import handin
from mleprep.course.spec import Band, Metric, Task
from mleprep.grading.scoring import ScoringError, reported_value, score_holdout

TASK = Task(target="label", id_column="row_id", holdout_features="features.csv")


def frame(X: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])


def holdout_files(tmp_path: Path, X: np.ndarray, y: np.ndarray) -> tuple[Path, Path]:
    ids = [f"r{i:04d}" for i in range(len(X))]
    features = frame(X)
    features.insert(0, "row_id", ids)
    features.to_csv(tmp_path / "features.csv", index=False)
    labels = pd.DataFrame({"row_id": ids, "label": y}).sample(frac=1, random_state=0)  # order must not matter
    labels.to_csv(tmp_path / "labels.csv", index=False)
    return tmp_path / "features.csv", tmp_path / "labels.csv"


def export(tmp_path: Path, model, features: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    handin.export_responses("check", model, str(features), id_column="row_id")
    return handin.export_path("check", tmp_path)


@pytest.mark.parametrize("scorer", ["roc_auc", "average_precision", "accuracy", "neg_log_loss", "f1"])
def test_replayed_classifier_scores_like_the_live_model(tmp_path, monkeypatch, scorer):
    X, y = make_classification(n_samples=400, random_state=0)
    model = LogisticRegression().fit(frame(X[:200]), y[:200])
    features, labels = holdout_files(tmp_path, X[200:], y[200:])
    exported = export(tmp_path, model, features, monkeypatch)
    result = score_holdout(export_file=exported, labels_file=labels, task=TASK, metric=Metric(scorer, 0.0))
    assert result.value == pytest.approx(get_scorer(scorer)(model, frame(X[200:]), y[200:]))


def test_replayed_regressor_scores_like_the_live_model(tmp_path, monkeypatch):
    X, y = make_regression(n_samples=300, noise=5, random_state=0)
    model = LinearRegression().fit(frame(X[:150]), y[:150])
    features, labels = holdout_files(tmp_path, X[150:], y[150:])
    exported = export(tmp_path, model, features, monkeypatch)
    metric = Metric("neg_root_mean_squared_error", -1.0)
    result = score_holdout(export_file=exported, labels_file=labels, task=TASK, metric=metric)
    assert result.value == pytest.approx(get_scorer(metric.scorer)(model, frame(X[150:]), y[150:]))


def test_a_model_without_decision_function_is_scored_from_predict_proba(tmp_path, monkeypatch):
    X, y = make_classification(n_samples=200, random_state=1)
    model = DummyClassifier(strategy="prior").fit(frame(X), y)
    features, labels = holdout_files(tmp_path, X, y)
    exported = export(tmp_path, model, features, monkeypatch)
    metric = Metric("roc_auc", 0.8, (Band(0.6, 0.5),))
    result = score_holdout(export_file=exported, labels_file=labels, task=TASK, metric=metric)
    assert (result.value, result.credit) == (0.5, 0.0)
    assert "below every band" in result.message(metric)


def _broken_export(tmp_path: Path, monkeypatch, change) -> tuple[Path, Path]:
    X, y = make_classification(n_samples=100, random_state=2)
    features, labels = holdout_files(tmp_path, X, y)
    exported = export(tmp_path, LogisticRegression().fit(frame(X), y), features, monkeypatch)
    data = json.loads(exported.read_text())
    change(data)
    exported.write_text(json.dumps(data))
    return exported, labels


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d.update(ids=d["ids"][:-1]), "does not cover the holdout rows"),
        (lambda d: d["ids"].__setitem__(1, d["ids"][0]), "twice"),
        (lambda d: d.update(classes=["no", "yes"]), "trained on classes"),
        (lambda d: d["responses"]["predict_proba"][0].__setitem__(0, None), "not numbers|NaN"),
        (lambda d: d.update(responses={}), "no ids or no model responses"),
    ],
)
def test_an_unscorable_export_says_why(tmp_path, monkeypatch, change, says):
    exported, labels = _broken_export(tmp_path, monkeypatch, change)
    with pytest.raises(ScoringError, match=says):
        score_holdout(export_file=exported, labels_file=labels, task=TASK, metric=Metric("roc_auc", 0.8))


def test_a_missing_export_points_at_the_cell_above(tmp_path):
    with pytest.raises(ScoringError, match="exported nothing"):
        score_holdout(
            export_file=tmp_path / "none.json",
            labels_file=tmp_path / "labels.csv",
            task=TASK,
            metric=Metric("roc_auc", 0.8),
        )


def test_a_failed_export_leaves_no_stale_file_behind(tmp_path, monkeypatch):
    X, y = make_classification(n_samples=50, random_state=3)
    features, _ = holdout_files(tmp_path, X, y)
    exported = export(tmp_path, LogisticRegression().fit(frame(X), y), features, monkeypatch)
    with pytest.raises(TypeError, match="none of predict"):
        handin.export_responses("check", object(), str(features), id_column="row_id")
    assert not exported.exists()


def test_reported_values_must_be_finite(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    handin.export_value("estimate", [0.8, 0.9])
    assert reported_value(handin.export_path("estimate", tmp_path)) == pytest.approx(0.85)
    with pytest.raises(ValueError, match="not a finite number"):
        handin.export_value("estimate", float("nan"))
