"""Everything `mleprep new` decided about a take-home, in one record the notebook template and the
files it writes read from: the task kind and its defaults (metric, estimator, folds), the columns'
roles, and the sizes candidates are told about.
"""

from __future__ import annotations

from dataclasses import dataclass

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
