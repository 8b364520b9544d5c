"""Does the metric registry know every metric an assignment may name, in one place?"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression
from sklearn.metrics import get_scorer

from mleprep.core.toml_data import SpecError
from mleprep.course.spec import Metric, load_assignment
from mleprep.metrics.registry import PrecisionAtK, ScikitLearnScorer, metric_kind
from mleprep.metrics.replay import ScoringError
from tests.conftest import REPO


def test_scikit_learn_scorer_names_are_scorers_and_misspellings_get_a_hint() -> None:
    assert metric_kind("roc_auc") == ScikitLearnScorer("roc_auc")
    with pytest.raises(ValueError, match="did you mean 'roc_auc'"):
        metric_kind("roc_aucc")


def test_ranking_scorer_names_are_checked_at_load_time(tmp_path: Path) -> None:
    assert metric_kind("precision_at_10") == PrecisionAtK("precision_at_10", 10)
    with pytest.raises(
        ValueError, match="'precision_at_0' is not a scikit-learn scorer name or precision_at_K"
    ):
        metric_kind("precision_at_0")
    folder = tmp_path / "courses"
    shutil.copytree(REPO / "source" / "courses", folder)
    spec = folder / "assignment.toml"
    spec.write_text(spec.read_text().replace('scorer = "precision_at_10"', 'scorer = "precision_at_1000"'))
    with pytest.raises(SpecError, match=re.escape(f"{spec}: key 'metric.scorer'")):
        load_assignment(folder)


def test_error_metrics_read_as_people_read_them() -> None:
    metric = Metric("neg_mean_absolute_error", pass_threshold=-0.9)
    assert metric.is_error and metric.shown(-0.6236) == "0.6236" and metric.credit(-0.62) == 1.0
    assert not Metric("roc_auc", 0.8).is_error


def test_an_error_metric_is_labelled_without_scikit_learns_minus() -> None:
    kind = metric_kind("neg_root_mean_squared_error")
    assert kind.is_error and kind.label == "root_mean_squared_error" and kind.shown(-1.5) == "1.5000"
    assert (
        metric_kind("precision_at_5").label == "precision_at_5" and not metric_kind("precision_at_5").is_error
    )


def test_a_scorer_scores_exported_answers_as_scikit_learn_scores_the_live_model(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    y = X @ [1.0, -2.0, 0.5] + rng.normal(scale=0.3, size=60)
    model = LinearRegression().fit(X[:40], y[:40])
    ids = [f"r{i}" for i in range(40, 60)]
    export = {"ids": ids, "responses": {"predict": model.predict(X[40:]).tolist()}}
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "row_id,target\n" + "".join(f"{i},{float(v)!r}\n" for i, v in zip(ids, y[40:], strict=True))
    )
    kind = metric_kind("neg_mean_absolute_error")
    value, rows = kind.score(export, labels, id_column="row_id", target="target")
    assert rows == 20
    assert value == pytest.approx(get_scorer("neg_mean_absolute_error")(model, X[40:], y[40:]))


def test_an_export_a_scorer_cannot_use_is_a_scoring_error_not_a_crash(tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    labels.write_text("row_id,target\na,1\nb,0\n")
    export = {"ids": ["a", "b"], "responses": {"predict": [1, 0]}, "classes": [0, 1]}
    with pytest.raises(ScoringError, match="roc_auc cannot be computed"):
        metric_kind("roc_auc").score(export, labels, id_column="row_id", target="target")
