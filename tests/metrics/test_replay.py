"""Does a replayed export answer for the right rows, and is an unusable export refused in plain words?

tests/grading/test_scoring.py scores real exports end to end; this pins the replay itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import is_classifier, is_regressor
from sklearn.metrics import get_scorer
from sklearn.utils.validation import check_is_fitted

from mleprep.core.errors import MleprepError
from mleprep.metrics.replay import ReplayClassifier, ScoringError, read_labels, replay_estimator

# Labels in id order a, b, c, d; the export lists the same ids in another order.
LABELS = pd.Series([0, 1, 0, 1], index=pd.Index(["a", "b", "c", "d"], name="row_id"), name="label")
EXPORT_IDS = ["d", "c", "b", "a"]
# Right for rows d, c, b, a: perfect when aligned by id, perfectly wrong when aligned by position.
PROBA = [[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]]


def export(**changes):
    data = {"ids": list(EXPORT_IDS), "classes": [0, 1], "responses": {"predict_proba": PROBA}}
    data.update(changes)
    return data


def test_answers_are_aligned_to_the_labels_by_id_not_by_position():
    estimator, X, y = replay_estimator(export(), LABELS)
    assert y.tolist() == [0, 1, 0, 1]
    assert estimator.predict_proba(X)[:, 1].tolist() == [0.4, 0.7, 0.2, 0.9]
    assert get_scorer("roc_auc")(estimator, X, y) == 1.0


def test_numeric_ids_in_the_export_match_text_ids_in_the_labels():
    labels = pd.Series([0, 1, 1], index=["1", "2", "3"])
    data = {"ids": [3, 1, 2], "classes": [0, 1], "responses": {"predict": [1, 0, 1]}}
    estimator, X, y = replay_estimator(data, labels)
    assert estimator.predict(X).tolist() == y.tolist() == [0, 1, 1]


@pytest.mark.parametrize(
    "data",
    [
        {"responses": {"predict": [0, 1]}},
        {"ids": "a,b", "responses": {"predict": [0, 1]}},
        {"ids": ["a", "b"]},
        {"ids": ["a", "b"], "responses": [[0, 1]]},
    ],
)
def test_an_export_without_ids_or_responses_is_refused(data):
    with pytest.raises(ScoringError, match="the export has no ids or no model responses"):
        replay_estimator(data, LABELS)


def test_ids_that_repeat_as_text_are_duplicates():
    with pytest.raises(ScoringError, match="lists some holdout ids twice"):
        replay_estimator(export(ids=[1, "1", 2, 3]), pd.Series([0, 1, 0], index=["1", "2", "3"]))


def test_missing_ids_are_counted():
    with pytest.raises(ScoringError, match=r"does not cover the holdout rows \(2 missing\)"):
        replay_estimator(export(ids=["a", "b"], responses={"predict": [0, 1]}), LABELS)


def test_an_id_that_is_not_in_the_holdout_is_refused():
    with pytest.raises(ScoringError, match="does not cover the holdout rows"):
        replay_estimator(export(ids=[*EXPORT_IDS[:3], "zz"]), LABELS)


@pytest.mark.parametrize(
    ("responses", "says"),
    [
        ({"predict": [[0], [1], [0], [1]]}, r"predict returned shape \(4, 1\), expected \(4,\)"),
        ({"predict": [0, 1, 0]}, r"predict returned shape \(3,\), expected \(4,\)"),
        ({"predict_proba": PROBA[:3]}, r"predict_proba returned shape \(3, 2\), expected 4 rows"),
        ({"predict_proba": [[[0.5, 0.5]]] * 4}, r"predict_proba returned shape \(4, 1, 2\), expected 4 rows"),
        ({"decision_function": 0.5}, r"decision_function returned shape \(\), expected 4 rows"),
    ],
)
def test_answers_of_the_wrong_shape_are_refused(responses, says):
    with pytest.raises(ScoringError, match=says):
        replay_estimator(export(responses=responses), LABELS)


@pytest.mark.parametrize(
    ("responses", "says"),
    [
        ({"decision_function": [0.1, float("nan"), 0.3, 0.4]}, "decision_function returned NaN or infinite"),
        ({"decision_function": [0.1, float("inf"), 0.3, 0.4]}, "decision_function returned NaN or infinite"),
        ({"predict_proba": [[0.5, 0.5], [None, 0.5], [0.5, 0.5], [0.5, 0.5]]}, "predict_proba returned NaN"),
        ({"predict_proba": [["no", "yes"]] * 4}, "predict_proba returned values that are not numbers"),
        ({"predict_proba": [[0.5, 0.5], [0.5], [0.5, 0.5], [0.5, 0.5]]}, "that are not numbers"),
    ],
)
def test_answers_that_are_not_finite_numbers_are_refused(responses, says):
    with pytest.raises(ScoringError, match=says):
        replay_estimator(export(responses=responses), LABELS)


def test_a_scoring_error_is_reported_to_a_person_as_a_value_error():
    assert issubclass(ScoringError, MleprepError) and issubclass(ScoringError, ValueError)


def test_classes_that_differ_from_the_labels_name_both():
    labels = pd.Series(["no", "yes", "maybe", "no"], index=["a", "b", "c", "d"])
    with pytest.raises(ScoringError) as err:
        replay_estimator(export(classes=["no", "yes"]), labels)
    assert str(err.value) == (
        "the model was trained on classes ['no', 'yes'], the task's labels are ['maybe', 'no', 'yes']"
    )


def test_labels_take_the_type_of_the_model_classes():
    text_labels = LABELS.astype(str)
    _, _, y = replay_estimator(export(), text_labels)
    assert y.tolist() == [0, 1, 0, 1] and all(isinstance(v, int | np.integer) for v in y)
    _, _, y = replay_estimator(export(classes=["0", "1"]), LABELS)
    assert y.tolist() == ["0", "1", "0", "1"]


def test_an_export_with_classes_replays_a_classifier_with_those_classes():
    estimator, _, _ = replay_estimator(export(classes=[1, 0]), LABELS)
    assert is_classifier(estimator)
    assert estimator.classes_.tolist() == [1, 0]


def test_an_export_without_classes_replays_a_regressor():
    labels = pd.Series([1.5, 2.5, 3.5], index=["a", "b", "c"])
    data = {"ids": ["c", "a", "b"], "responses": {"predict": [3.0, 1.0, 2.0]}}
    estimator, X, y = replay_estimator(data, labels)
    assert is_regressor(estimator) and not hasattr(estimator, "classes_")
    assert estimator.predict(X).tolist() == [1.0, 2.0, 3.0]
    assert y.tolist() == [1.5, 2.5, 3.5]


def test_a_classifier_exposes_only_the_response_methods_exported():
    estimator, _, _ = replay_estimator(export(), LABELS)
    assert hasattr(estimator, "predict_proba")
    assert not hasattr(estimator, "predict")
    assert not hasattr(estimator, "decision_function")


def test_a_classifier_with_every_response_exposes_all_three():
    estimator = ReplayClassifier(
        {
            "predict": np.array([1]),
            "predict_proba": np.array([[0.2, 0.8]]),
            "decision_function": np.array([2.0]),
        },
        np.array([0, 1]),
    )
    assert all(hasattr(estimator, m) for m in ("predict", "predict_proba", "decision_function"))


def test_a_regressor_without_predict_cannot_predict():
    labels = pd.Series([1.0, 2.0], index=["a", "b"])
    estimator, _, _ = replay_estimator({"ids": ["a", "b"], "responses": {"transform": [1, 2]}}, labels)
    assert not hasattr(estimator, "predict")


def test_responses_other_than_the_three_methods_are_ignored():
    estimator, _, _ = replay_estimator(
        export(responses={"predict_proba": PROBA, "transform": [1, 2]}), LABELS
    )
    assert set(estimator.responses) == {"predict_proba"}


def test_a_replay_counts_as_fitted_but_cannot_be_refitted():
    estimator, X, y = replay_estimator(export(), LABELS)
    check_is_fitted(estimator)
    with pytest.raises(NotImplementedError, match="cannot be refitted"):
        estimator.fit(X, y)


def test_labels_are_read_by_id_with_ids_kept_as_text(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("row_id,age,label\n007,31,1\n010,45,0\n3,22,1\n")
    labels = read_labels(path, id_column="row_id", target="label")
    assert labels.index.tolist() == ["007", "010", "3"]
    assert labels.tolist() == [1, 0, 1]
    assert labels.name == "label"


def test_labels_read_from_a_file_replay_ids_with_leading_zeros(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("row_id,label\n002,1\n001,0\n")
    labels = read_labels(path, id_column="row_id", target="label")
    data = {"ids": ["001", "002"], "classes": [0, 1], "responses": {"predict": [0, 1]}}
    estimator, X, y = replay_estimator(data, labels)
    assert estimator.predict(X).tolist() == y.tolist() == [1, 0]
