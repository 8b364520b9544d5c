"""Replay a model's exported answers through a stand-in estimator, so scikit-learn's own scorers
(`get_scorer(name)(estimator, X, y)`, higher is better) score them exactly as they would the live
model, with labels the candidate's code never had in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.utils.metaestimators import available_if

from mleprep.metrics.registry import ScoringError


class _Replay(BaseEstimator):
    """Answers predict/predict_proba/decision_function for row numbers from exported arrays."""

    def __init__(self, responses: dict[str, np.ndarray], classes: np.ndarray | None = None) -> None:
        self.responses = responses
        self.classes = classes

    def fit(self, X: Any, y: Any = None) -> _Replay:
        raise NotImplementedError("a replayed model only answers; it cannot be refitted")

    def __sklearn_is_fitted__(self) -> bool:
        # Display helpers (RocCurveDisplay.from_estimator, ...) check this before asking for answers.
        return True

    def _answer(self, method: str, X: Any) -> np.ndarray:
        return self.responses[method][np.asarray(X)[:, 0]]


def _exported(method: str) -> Any:
    # Scorers choose a response method by hasattr, as on the live model: expose only what was exported.
    return available_if(lambda self: method in self.responses)


class ReplayClassifier(ClassifierMixin, _Replay):
    @property
    def classes_(self) -> np.ndarray:
        return self.classes

    @_exported("predict")
    def predict(self, X: Any) -> np.ndarray:
        return self._answer("predict", X)

    @_exported("predict_proba")
    def predict_proba(self, X: Any) -> np.ndarray:
        return self._answer("predict_proba", X)

    @_exported("decision_function")
    def decision_function(self, X: Any) -> np.ndarray:
        return self._answer("decision_function", X)


class ReplayRegressor(RegressorMixin, _Replay):
    @_exported("predict")
    def predict(self, X: Any) -> np.ndarray:
        return self._answer("predict", X)


def read_labels(path: Path, *, id_column: str, target: str) -> pd.Series:
    """Hidden holdout labels indexed by id (ids as text)."""
    table = pd.read_csv(path, dtype={id_column: str})
    return table.set_index(id_column)[target]


def _numeric(values: Any, method: str, rows: int) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ScoringError(f"{method} returned values that are not numbers") from exc
    if array.shape[:1] != (rows,) or array.ndim > 2:
        raise ScoringError(f"{method} returned shape {array.shape}, expected {rows} rows")
    if not np.isfinite(array).all():
        raise ScoringError(f"{method} returned NaN or infinite values")
    return array


def replay_estimator(
    export: dict[str, Any], labels: pd.Series
) -> tuple[BaseEstimator, np.ndarray, np.ndarray]:
    """(stand-in estimator, X of row numbers, y) aligned by id, for `get_scorer(name)(est, X, y)`."""
    ids = export.get("ids")
    responses = export.get("responses")
    if not isinstance(ids, list) or not isinstance(responses, dict) or not responses:
        raise ScoringError("the export has no ids or no model responses")
    ids = [str(i) for i in ids]
    if len(set(ids)) != len(ids):
        raise ScoringError("the export lists some holdout ids twice")
    if set(ids) != set(labels.index):
        if missing := len(set(labels.index) - set(ids)):
            raise ScoringError(f"the export does not cover the holdout rows ({missing} missing)")
        extra = sorted(set(ids) - set(labels.index))
        raise ScoringError(f"the export lists {len(extra)} ids that are not holdout rows (e.g. {extra[0]})")
    rows = len(ids)
    arrays: dict[str, np.ndarray] = {}
    for method, values in responses.items():
        if method == "predict":
            array = np.asarray(values)
            if array.shape != (rows,):
                raise ScoringError(f"predict returned shape {array.shape}, expected ({rows},)")
            arrays[method] = array
        elif method in ("predict_proba", "decision_function"):
            arrays[method] = _numeric(values, method, rows)
    position = {i: n for n, i in enumerate(ids)}
    X = np.array([[position[i]] for i in labels.index])
    y = labels.to_numpy()
    if "classes" not in export:
        return ReplayRegressor(arrays), X, y
    classes = np.asarray(export["classes"])
    # Labels on disk are text or numbers; the model's classes decide which, the values must agree.
    by_text = {str(c): c for c in classes.tolist()}
    if set(by_text) != {str(v) for v in np.unique(y)}:
        raise ScoringError(
            f"the model was trained on classes {sorted(by_text)}, the task's labels are "
            f"{sorted({str(v) for v in np.unique(y)})}"
        )
    y = np.array([by_text[str(v)] for v in y])
    return ReplayClassifier(arrays, classes), X, y
