"""Read a mentor's CSV for `mleprep new` and refuse what cannot make a fair take-home.

Every refusal happens here, before anything is written, and names the file and the column. What
is suspicious but not fatal (a column that predicts the target almost perfectly, a name that sounds
like it was recorded after the outcome) comes back as a warning for the mentor to judge.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from mleprep.core.errors import MleprepError

TASKS = ("classification", "regression", "ranking", "forecast")
MIN_ROWS = 100
MIN_PER_CLASS = 10
MAX_CLASSES = 20
# A single column that scores this well alone is more likely the answer in disguise than a feature.
NEAR_PERFECT = 0.97
LEAKY_NAME = re.compile(r"(^|_)(after|post|outcome|result|future|next|final|resolved)(_|$)", re.IGNORECASE)
SCAN_ROWS = 5000


class TableError(MleprepError, ValueError):
    """The CSV cannot become a take-home as asked; nothing has been written."""


@dataclass(frozen=True)
class Columns:
    """The roles of the table's columns once the request is checked."""

    target: str
    id_column: str | None
    time_column: str | None
    group_column: str | None
    features: tuple[str, ...]
    numeric: tuple[str, ...]


def read_table(path: Path) -> pd.DataFrame:
    """The CSV as a DataFrame, or a TableError saying why it is not a table."""
    if not path.is_file():
        raise TableError(f"{path} does not exist")
    try:
        table = pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as exc:
        raise TableError(f"{path} is not a CSV table: {exc}") from exc
    if table.shape[1] < 2:
        raise TableError(f"{path} is not a table of features and a target: it has {table.shape[1]} column")
    if len(table) < MIN_ROWS:
        raise TableError(f"{path} has {len(table)} rows; a take-home needs at least {MIN_ROWS}")
    return table


def _column(table: pd.DataFrame, path: Path, flag: str, name: str | None) -> str | None:
    if name is None or name in table.columns:
        return name
    hint = difflib.get_close_matches(name, [str(c) for c in table.columns], n=1)
    raise TableError(
        f"{path} has no column {name!r} (given as {flag})"
        + (
            f"; did you mean {hint[0]!r}?"
            if hint
            else f"; its columns are {', '.join(map(str, table.columns))}"
        )
    )


def check_request(
    table: pd.DataFrame,
    path: Path,
    *,
    task: str,
    target: str,
    id_column: str | None,
    time_column: str | None,
    group_column: str | None,
) -> Columns:
    """The columns' roles, or a TableError for a request that cannot be met."""
    if task not in TASKS:
        raise TableError(f"--task must be one of {', '.join(TASKS)}, not {task!r}")
    for flag, name in (
        ("--target", target),
        ("--id-column", id_column),
        ("--time-column", time_column),
        ("--group-column", group_column),
    ):
        _column(table, path, flag, name)
    if target in (id_column, time_column, group_column):
        raise TableError(f"{target!r} cannot be both the target and an id, time or group column")
    if task == "forecast" and time_column is None:
        raise TableError("a forecast needs --time-column: its holdout is the latest period")
    y = table[target].dropna()
    if y.empty:
        raise TableError(f"the target {target!r} in {path} is empty on every row")
    if y.nunique() < 2:
        raise TableError(f"the target {target!r} in {path} has one value ({y.iloc[0]!r}): nothing to predict")
    numeric_target = pd.api.types.is_numeric_dtype(y)
    if task in ("classification", "ranking"):
        if y.nunique() == len(y) or (not numeric_target and y.nunique() > len(y) // 2):
            raise TableError(
                f"the target {target!r} of {path} differs on almost every row: it looks like an id"
            )
        if y.nunique() > MAX_CLASSES:
            raise TableError(
                f"the target {target!r} of {path} has {y.nunique()} values; "
                "for a number use --task regression"
            )
        if task == "ranking" and y.nunique() != 2:
            raise TableError(
                f"a ranking target must be yes/no (two values); {target!r} of {path} has {y.nunique()}"
            )
        rare = y.value_counts()
        if rare.min() < MIN_PER_CLASS:
            raise TableError(
                f"the class {rare.idxmin()!r} of {target!r} has {rare.min()} rows; each needs {MIN_PER_CLASS}"
            )
    elif not numeric_target:
        raise TableError(
            f"a {task} target must be numbers; {target!r} of {path} holds text such as {y.iloc[0]!r}"
        )
    if id_column is not None and (table[id_column].isna().any() or table[id_column].duplicated().any()):
        raise TableError(
            f"the id column {id_column!r} of {path} is blank or repeats: ids must name one row each"
        )
    if time_column is not None:
        if pd.api.types.is_numeric_dtype(table[time_column]):
            raise TableError(
                f"the time column {time_column!r} of {path} holds numbers: write dates or times as text "
                "(2024-01-31 or 2024-01-31 14:00) so their calendar is not guessed"
            )
        parsed = pd.to_datetime(table[time_column], errors="coerce", format="mixed")
        if bad := int(parsed.isna().sum()):
            example = table[time_column][parsed.isna()].iloc[0]
            raise TableError(
                f"{bad} value(s) of the time column {time_column!r} of {path} are not dates or times "
                f"(e.g. {example!r}): fix or drop those rows"
            )
    roles = {target, id_column, time_column, group_column} - {None}
    features = tuple(str(c) for c in table.columns if c not in roles)
    if not features and task != "forecast":
        raise TableError(f"{path} has no feature columns besides {', '.join(sorted(map(str, roles)))}")
    numeric = tuple(c for c in features if pd.api.types.is_numeric_dtype(table[c]))
    return Columns(target, id_column, time_column, group_column, features, numeric)


def _quick_score(x: pd.Series, y: pd.Series, *, classify: bool, seed: int) -> float:
    """Cross-validated skill of one column alone: ROC AUC (one-vs-rest) or R²."""
    from sklearn.model_selection import cross_val_score
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    if pd.api.types.is_numeric_dtype(x):
        values = x.to_numpy(dtype=float, na_value=np.nan).reshape(-1, 1)
        values = np.where(np.isnan(values), np.nanmin(values) - 1 if np.isfinite(values).any() else 0, values)
    else:  # categories by their order of frequency: enough for a tree to find a telling value
        codes = x.astype(str).map(x.astype(str).value_counts().rank(method="first"))
        values = codes.to_numpy(dtype=float).reshape(-1, 1)
    if classify:
        tree = DecisionTreeClassifier(max_depth=4, min_samples_leaf=20, random_state=seed)
        scoring = "roc_auc" if y.nunique() == 2 else "roc_auc_ovr"
    else:
        tree, scoring = DecisionTreeRegressor(max_depth=4, min_samples_leaf=20, random_state=seed), "r2"
    return float(np.mean(cross_val_score(tree, values, y, cv=3, scoring=scoring)))


def single_feature_scores(table: pd.DataFrame, columns: Columns, *, task: str, seed: int) -> dict[str, float]:
    """How well each feature alone predicts the target, best first (on at most SCAN_ROWS rows)."""
    sample = table.dropna(subset=[columns.target])
    sample = sample.sample(min(len(sample), SCAN_ROWS), random_state=seed)
    classify = task in ("classification", "ranking")
    scores = {}
    for name in columns.features:
        try:
            scores[name] = _quick_score(sample[name], sample[columns.target], classify=classify, seed=seed)
        except ValueError:  # a column scikit-learn cannot use as it is (all missing, one value)
            continue
    return dict(sorted(scores.items(), key=lambda item: -item[1]))


def leak_warnings(
    table: pd.DataFrame, columns: Columns, scores: dict[str, float], *, share: float = 0.2
) -> list[str]:
    """Columns a reviewer would ask about before releasing; warnings, not refusals."""
    warnings = [
        f"{name!r} alone predicts {columns.target!r} almost perfectly (score {value:.3f}): "
        "is it known before the outcome? Drop it from the CSV if not."
        for name, value in scores.items()
        if value >= NEAR_PERFECT
    ]
    warnings += [
        f"{name!r} sounds like it is recorded after the outcome: check it is known at prediction time"
        for name in columns.features
        if LEAKY_NAME.search(name)
    ]
    if columns.time_column is not None:
        when = pd.to_datetime(table[columns.time_column], errors="coerce", format="mixed")
        for name in columns.features:
            if pd.api.types.is_numeric_dtype(table[name]) or not name.lower().endswith(
                ("_date", "_at", "_time", "date")
            ):
                continue
            other = pd.to_datetime(table[name], errors="coerce", format="mixed")
            if (later := (other > when).mean()) > 0.5:
                warnings.append(
                    f"{name!r} is later than {columns.time_column!r} on {later:.0%} of rows: "
                    "a date from after the prediction time leaks the future"
                )
            # Training rows that carry dates from the holdout's period know what happened there.
            cut = when.quantile(1 - share, interpolation="higher")
            if (past := (other[when < cut] >= cut).mean()) > 0.01:
                warnings.append(
                    f"{name!r} reaches past the split ({cut:%Y-%m-%d}) on {past:.0%} of training rows: "
                    "it was filled in after the period the holdout forecasts"
                )
    return warnings
