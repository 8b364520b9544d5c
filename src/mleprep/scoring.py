"""Score a candidate's exported holdout responses against hidden labels, in the grading process.

The candidate's kernel exported only what its model answered (mleprep.handin). Here those answers
are replayed through a stand-in estimator so that scikit-learn's own scorer (`get_scorer(name)`,
higher is better) does the scoring, exactly as it would on the live model, with labels the
candidate's code never had in memory.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.metrics import get_scorer
from sklearn.utils.metaestimators import available_if

from mleprep.ranking import precision_at_k, ranking_k, read_relevant
from mleprep.spec import Metric, Task

MAX_EXPORT_BYTES = 64 * 1024 * 1024


class ScoringError(ValueError):
    """The export cannot be scored; the message says why in the candidate's terms."""


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


@dataclass(frozen=True)
class HoldoutScore:
    scorer: str
    value: float
    credit: float
    rows: int

    def message(self, metric: Metric) -> str:
        name = self.scorer.removeprefix("neg_")
        head = f"{name} on the {self.rows:,} holdout rows: {metric.shown(self.value)}"
        bar = (
            f"full marks {'at or below' if metric.is_error else 'from'} {metric.shown(metric.pass_threshold)}"
        )
        if self.credit == 1:
            return f"{head}, {bar}."
        if self.credit > 0:
            return f"{head}: {self.credit:.0%} of the points; {bar}."
        return f"{head}: below every band; {bar}."


def read_export(path: Path) -> dict[str, Any]:
    """An export file written by mleprep.handin, size-checked and parsed."""
    if not path.is_file():
        raise ScoringError("the hidden check exported nothing: did the cell above it run without errors?")
    if path.stat().st_size > MAX_EXPORT_BYTES:
        raise ScoringError(
            f"the export is {path.stat().st_size:,} bytes, over the {MAX_EXPORT_BYTES:,} limit"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ScoringError(f"the export is not readable JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ScoringError("the export is not a JSON object")
    return data


def read_labels(path: Path, task: Task) -> pd.Series:
    """Hidden holdout labels indexed by id (ids as text)."""
    table = pd.read_csv(path, dtype={task.id_column: str})
    return table.set_index(task.id_column)[task.target]


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
        missing = len(set(labels.index) - set(ids))
        raise ScoringError(f"the export does not cover the holdout rows ({missing} missing)")
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


def score_holdout(*, export_file: Path, labels_file: Path, task: Task, metric: Metric) -> HoldoutScore:
    """Score an export with the assignment's scikit-learn scorer (or ranking metric) and its credit bands."""
    export = read_export(export_file)
    if (k := ranking_k(metric.scorer)) is not None:
        relevant = read_relevant(labels_file)
        try:
            value = precision_at_k(export, relevant, user_column=task.id_column, item_column=task.target, k=k)
        except ValueError as exc:
            raise ScoringError(str(exc)) from exc
        return HoldoutScore(metric.scorer, value, metric.credit(value), relevant[task.id_column].nunique())
    estimator, X, y = replay_estimator(export, read_labels(labels_file, task))
    try:
        value = float(get_scorer(metric.scorer)(estimator, X, y))
    except (AttributeError, ValueError, TypeError) as exc:
        raise ScoringError(f"{metric.scorer} cannot be computed from this model's answers: {exc}") from exc
    if not math.isfinite(value):
        raise ScoringError(f"{metric.scorer} came out as {value}")
    return HoldoutScore(metric.scorer, value, metric.credit(value), len(y))


def reported_value(export_file: Path) -> float:
    """The number the candidate reported (mleprep.handin.export_value)."""
    value = read_export(export_file).get("value")
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ScoringError("the reported estimate is not a finite number")
    return float(value)
