"""Everything `mleprep new` decided about a take-home, in one record the notebook template and the
files it writes read from: the task kind and its defaults (metric, estimator, folds), the columns'
roles, and the sizes candidates are told about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mleprep.authoring.table_intake import TableError
from mleprep.metrics.registry import metric_kind

# The metric a task kind is graded with unless the mentor names another (any scikit-learn scorer).
DEFAULT_METRIC = {
    "classification": "roc_auc",
    "regression": "neg_mean_absolute_error",
    "forecast": "neg_mean_absolute_error",
    "ranking": "average_precision",
}
MULTICLASS_METRIC = "balanced_accuracy"
# Metric names as the notebook's prose writes them; others lose scikit-learn's underscores.
READABLE = {
    "roc_auc": "ROC AUC",
    "roc_auc_ovr": "ROC AUC (one-vs-rest)",
    "neg_root_mean_squared_error": "RMSE",
    "neg_root_mean_squared_log_error": "RMSLE",
    "neg_mean_absolute_percentage_error": "MAPE",
    "r2": "R²",
}


BINARY_ONLY = ("roc_auc", "average_precision", "f1", "precision", "recall", "neg_brier_score")
# scikit-learn scorers that compare numbers, not classes: regressions and forecasts only.
REGRESSION_WORDS = ("error", "r2", "explained_variance", "d2_", "deviance")


def choose_metric(metric: str | None, task: str, classes: tuple[object, ...]) -> str:
    """The task's default metric, or the mentor's once it is known to fit the task."""
    if metric is None:
        return MULTICLASS_METRIC if task == "classification" and len(classes) > 2 else DEFAULT_METRIC[task]
    try:
        kind = metric_kind(metric)
    except ValueError as exc:
        raise TableError(f"--metric: {exc}") from exc
    if kind.name.startswith("precision_at_"):
        raise TableError(
            "--metric precision_at_K grades recommenders, which `mleprep new` has no template for"
        )
    numeric = any(word in metric for word in REGRESSION_WORDS)
    if numeric != (task in ("regression", "forecast")):
        wanted = "a regression metric (an error or r2)" if not numeric else "a classification metric"
        raise TableError(f"--metric {metric} does not fit a {task}: name {wanted}")
    if len(classes) > 2 and metric in BINARY_ONLY:
        raise TableError(f"--metric {metric} needs a yes/no target; the target has {len(classes)} classes")
    return metric


def choose_positive(values: tuple[object, ...], target: Any, wanted: str | None) -> object | None:
    """The yes/no target's value `y` is 1 for: the mentor's, else the rarer one; None when the target
    is already 0/1 or has more than two values."""
    if len(values) != 2:
        if wanted is not None:
            raise TableError("--positive is for a yes/no target; this one has more than two values")
        return None
    if wanted is not None:
        match = [v for v in values if str(v) == wanted]
        if not match:
            raise TableError(
                f"--positive {wanted!r} is not a value of the target ({', '.join(map(str, values))})"
            )
        return None if set(values) == {0, 1} and match[0] == 1 else match[0]
    if set(values) == {0, 1}:
        return None
    counts = target.value_counts()
    return min(values, key=lambda v: (counts.get(v, 0), str(v)))


def bool_columns(table: Any, features: tuple[str, ...]) -> tuple[str, ...]:
    """Features holding only True/False (and blanks), however pandas read them."""
    found = []
    for name in features:
        values = table[name].dropna()
        if len(values) and values.astype(str).isin(["True", "False"]).all():
            found.append(name)
    return tuple(found)


@dataclass(frozen=True)
class TakeHomePlan:
    id: str
    title: str
    task: str
    target: str
    id_column: str
    time_column: str | None
    group_column: str | None
    metric: str
    # The target's values as the training file holds them (classification and ranking only).
    classes: tuple[object, ...]
    train_rows: int
    train_columns: int
    holdout_rows: int
    time_limit: str
    best_feature: str | None
    split_how: str
    # The target value the team acts on, when a yes/no target is not already 0/1: `y` is 1 for it.
    positive: object | None = None
    # Columns of True/False (read as booleans or as text with blanks): the template makes them 1/0.
    bool_columns: tuple[str, ...] = ()
    # Times that vary within a day get an hour-of-day feature.
    hourly: bool = False

    @property
    def y_code(self) -> str:
        """The expression of `y` the reference, the baseline and the checks agree on."""
        column = f'train["{self.target}"]'
        return column if self.positive is None else f"({column} == {self.positive!r}).astype(int)"

    @property
    def classifies(self) -> bool:
        return self.task in ("classification", "ranking")

    @property
    def binary(self) -> bool:
        return self.classifies and len(self.classes) == 2

    @property
    def is_error(self) -> bool:
        return self.metric.startswith("neg_")

    @property
    def metric_label(self) -> str:
        return READABLE.get(self.metric, self.metric.removeprefix("neg_").replace("_", " "))

    @property
    def prediction_column(self) -> str:
        if self.task == "ranking":
            return "score"
        if self.binary:
            return f"{self.target}_probability"
        return f"predicted_{self.target}"

    @property
    def estimator(self) -> str:
        """The reference's gradient-boosted model class (scikit-learn's histogram GBM)."""
        return "HistGradientBoostingClassifier" if self.classifies else "HistGradientBoostingRegressor"

    @property
    def linear(self) -> str:
        return "LogisticRegression" if self.classifies else "RidgeCV"

    @property
    def dummy(self) -> str:
        return 'DummyClassifier(strategy="prior")' if self.classifies else 'DummyRegressor(strategy="mean")'

    @property
    def folds(self) -> tuple[str, str]:
        """(import name, constructor) of the cross-validation an honest estimate needs here."""
        if self.time_column is not None:
            return "TimeSeriesSplit", "TimeSeriesSplit(n_splits=5)"
        if self.group_column is not None:
            name = "StratifiedGroupKFold" if self.classifies else "GroupKFold"
            extra = ", shuffle=True, random_state=RANDOM_STATE" if self.classifies else ""
            return name, f"{name}(n_splits=5{extra})"
        name = "StratifiedKFold" if self.classifies else "KFold"
        return name, f"{name}(n_splits=5, shuffle=True, random_state=RANDOM_STATE)"

    @property
    def dropped(self) -> list[str]:
        """Columns that are not features: the id and the target."""
        return [self.id_column, self.target]
