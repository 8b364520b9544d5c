"""The code cells of a generated take-home: the reference answers, the visible checks (whose
messages teach), and the hidden cells that export what the grader scores outside the kernel.

Answers that calibration and verify swap in (the dummy baseline, the ladder's rungs) come from
`model_code` too, so they fit the same notebook the reference does.
"""

from __future__ import annotations

from mleprep.authoring.take_home_plan import TakeHomePlan

SETUP = """\
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.utils.validation import check_is_fitted

DATA = Path("data")
RANDOM_STATE = 0"""


def _clean_body(plan: TakeHomePlan) -> str:
    lines = ["table = raw.copy()"]
    if plan.bool_columns:
        lines += [
            "# True/False columns (with blanks they read as text): 1/0 for the model, blanks stay missing.",
            f"for column in {list(plan.bool_columns)!r}:",
            '    table[column] = table[column].map({True: 1.0, False: 0.0, "True": 1.0, "False": 0.0})',
        ]
    if plan.time_column is not None:
        t = plan.time_column
        lines += [
            f"# A model cannot use a timestamp as it is: turn {t!r} into calendar features.",
            f'when = pd.to_datetime(table["{t}"], format="mixed")',
            f'table["{t}_year"] = when.dt.year',
            f'table["{t}_month"] = when.dt.month',
            f'table["{t}_day_of_week"] = when.dt.day_of_week',
            f'table["{t}_day_of_year"] = when.dt.day_of_year',
            *([f'table["{t}_hour"] = when.dt.hour'] if plan.hourly else []),
            f'table = table.drop(columns=["{t}"])',
        ]
    return "\n    ".join([*lines, "return table"])


def load_answer(plan: TakeHomePlan, *, markers: bool = True) -> str:
    begin, end = ("### BEGIN SOLUTION\n    ", "\n    ### END SOLUTION") if markers else ("", "")
    outer_begin, outer_end = ("### BEGIN SOLUTION\n", "\n### END SOLUTION") if markers else ("", "")
    return (
        "def clean(raw: pd.DataFrame) -> pd.DataFrame:\n"
        '    """Return a cleaned copy of a raw table (train or holdout): same rows, same order."""\n'
        f"    {begin}{_clean_body(plan)}{end}\n\n\n"
        f"{outer_begin}"
        'train = clean(pd.read_csv(DATA / "train.csv"))\n'
        f"X = train.drop(columns={plan.dropped!r})\n"
        f"y = {plan.y_code}"
        f"{outer_end}"
    )


def check_load(plan: TakeHomePlan) -> str:
    i, t = plan.id_column, plan.target
    lines = [
        "# Check: the data is loaded and cleaned",
        'assert isinstance(train, pd.DataFrame), "`train` should be a DataFrame read from data/train.csv"',
        f"assert len(train) == {plan.train_rows}, "
        f'f"`train` should keep all {plan.train_rows} rows of data/train.csv; it has {{len(train)}}"',
        f'assert "{t}" not in X.columns and "{i}" not in X.columns, (',
        f'    "`X` must not contain the target `{t}` (that would leak the answer) or the id `{i}`"',
        ")",
        'assert len(X) == len(y) == len(train), "`X`, `y` and `train` should have one row each per row of data"',
    ]
    if plan.time_column is not None:
        tc = plan.time_column
        lines += [
            f'assert "{tc}" not in X.columns or pd.api.types.is_numeric_dtype(X["{tc}"]), (',
            f'    "`{tc}` is still text in `X`: turn it into numbers a model can use (year, month, weekday...)"',
            ")",
        ]
    if plan.classifies:
        lines.append(
            f"assert set(pd.unique(y)) <= {set(plan.classes)!r}, "
            f'f"`y` should be the `{t}` column; it holds {{sorted(map(str, pd.unique(y)))[:5]}}"'
        )
    else:
        lines.append(f'assert pd.api.types.is_numeric_dtype(y), "`y` should be the numeric `{t}` column"')
    lines += [
        '_holdout = clean(pd.read_csv(DATA / "holdout_features.csv"))',
        f'assert len(_holdout) == {plan.holdout_rows} and "{i}" in _holdout, (',
        f'    "`clean` must also work on the holdout table (it has no `{t}` column), keep all '
        f'{plan.holdout_rows} rows and keep `{i}`"',
        ")",
        'print("Data checks passed.")',
    ]
    return "\n".join(lines)


_PREPROCESS = {
    "reference": """\
preprocess = make_column_transformer(
    ("passthrough", make_column_selector(dtype_include="number")),
    (
        make_pipeline(
            SimpleImputer(strategy="constant", fill_value="missing"),
            OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=20, sparse_output=False),
        ),
        make_column_selector(dtype_exclude="number"),
    ),
)""",
    "scaled": """\
preprocess = make_column_transformer(
    (make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), make_column_selector(dtype_include="number")),
    (
        make_pipeline(
            SimpleImputer(strategy="constant", fill_value="missing"),
            OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=20),
        ),
        make_column_selector(dtype_exclude="number"),
    ),
)""",
}

_IMPORTS = """\
from sklearn.compose import make_column_selector, make_column_transformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder
"""
# Only the scaled preprocessing uses StandardScaler: the code report lints references like answers.
_SCALED_IMPORTS = _IMPORTS.replace("import OneHotEncoder", "import OneHotEncoder, StandardScaler")


def model_code(plan: TakeHomePlan, kind: str = "reference", *, feature: str | None = None) -> str:
    """Code that defines and fits `model`: "reference" (gradient boosting), "linear", "dummy", or
    "single" (gradient boosting on `feature` alone)."""
    if kind == "single":
        assert feature is not None
        return (
            f"{_IMPORTS}from sklearn.ensemble import {plan.estimator}\n\n"
            "preprocess = make_column_transformer(\n"
            '    (make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"), '
            'OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=20, sparse_output=False))\n'
            f'     if not pd.api.types.is_numeric_dtype(X[{feature!r}]) else "passthrough", [{feature!r}]),\n'
            ")\n"
            f"model = make_pipeline(preprocess, {plan.estimator}(random_state=RANDOM_STATE))\n"
            "model.fit(X, y)"
        )
    if kind == "linear":
        estimator = "LogisticRegression(max_iter=2000)" if plan.classifies else "RidgeCV()"
        module = "LogisticRegression" if plan.classifies else "RidgeCV"
        return (
            f"{_SCALED_IMPORTS}from sklearn.linear_model import {module}\n\n{_PREPROCESS['scaled']}\n"
            f"model = make_pipeline(preprocess, {estimator})\nmodel.fit(X, y)"
        )
    if kind == "dummy":
        module = "DummyClassifier" if plan.classifies else "DummyRegressor"
        return (
            f"{_SCALED_IMPORTS}from sklearn.dummy import {module}\n\n{_PREPROCESS['scaled']}\n"
            f"model = make_pipeline(preprocess, {plan.dummy})\nmodel.fit(X, y)"
        )
    return (
        f"{_IMPORTS}from sklearn.ensemble import {plan.estimator}\n\n{_PREPROCESS['reference']}\n"
        f"model = make_pipeline(preprocess, {plan.estimator}(random_state=RANDOM_STATE))\nmodel.fit(X, y)"
    )


def check_model(plan: TakeHomePlan) -> str:
    what = "classifier" if plan.classifies else "regressor"
    test = "is_classifier" if plan.classifies else "is_regressor"
    lines = [
        f"# Check: `model` is a fitted scikit-learn {what} that takes the cleaned features as they are",
        f'assert {test}(model), "`model` should be a scikit-learn {what}, or a Pipeline that ends in one"',
        "check_is_fitted(model)",
    ]
    if plan.binary:
        lines += [
            "_proba = model.predict_proba(X.head(20))",
            'assert np.shape(_proba) == (20, 2), f"predict_proba should give one row per row and 2 columns, '
            'not {np.shape(_proba)}"',
        ]
    else:
        lines += [
            "_predicted = model.predict(X.head(20))",
            'assert np.shape(_predicted) == (20,), f"predict should give one value per row, not '
            '{np.shape(_predicted)}"',
        ]
    lines += [
        '_new_rows = clean(pd.read_csv(DATA / "holdout_features.csv")).head(5)',
        f'model.predict(_new_rows.drop(columns=["{plan.id_column}"]))  # new rows go through the same steps',
        "clone(model)  # the grader re-fits copies of your model, so it must be a proper estimator",
        'print("Model checks passed.")',
    ]
    return "\n".join(lines)


def evaluate_answer(plan: TakeHomePlan, *, model: str = "model") -> str:
    name, folds = plan.folds
    groups = f', groups=train["{plan.group_column}"]' if plan.group_column and not plan.time_column else ""
    sign = "-" if plan.is_error else ""
    return (
        f"from sklearn.model_selection import {name}, cross_val_score\n\n"
        f"folds = {folds}\n"
        f'cv_scores = cross_val_score(clone({model}), X, y, cv=folds, scoring="{plan.metric}"{groups})\n'
        f"cv_score = float({sign}np.mean(cv_scores))\n"
        f'print(f"Cross-validated {plan.metric_label}: {{cv_score:.4f}} (folds {{np.round(cv_scores, 4)}})")'
    )


def check_evaluation(plan: TakeHomePlan) -> str:
    mean = "-_scores.mean()" if plan.is_error else "_scores.mean()"
    return "\n".join(
        [
            "# Check: a cross-validated estimate",
            "_scores = np.asarray(cv_scores, dtype=float)",
            "assert _scores.ndim == 1 and len(_scores) >= 5, "
            'f"`cv_scores` should hold one score per fold (5 folds or more), not {_scores.shape}"',
            'assert np.isfinite(_scores).all(), "every fold\'s score should be a number"',
            f"assert isinstance(cv_score, float) and abs(cv_score - {mean}) < 1e-9, (",
            '    "`cv_score` should be the mean of `cv_scores` as a float'
            + (' (an error reported as a positive number)"' if plan.is_error else '"'),
            ")",
            'print(f"Evaluation checks passed: cv_score = {cv_score:.4f}")',
        ]
    )


def predict_answer(plan: TakeHomePlan) -> str:
    i = plan.id_column
    call = (
        'model.predict_proba(holdout.drop(columns=["{i}"]))[:, 1]'
        if plan.binary
        else 'model.predict(holdout.drop(columns=["{i}"]))'
    ).format(i=i)
    return (
        'holdout = clean(pd.read_csv(DATA / "holdout_features.csv"))\n'
        "holdout_predictions = pd.DataFrame(\n"
        f'    {{"{i}": holdout["{i}"], "{plan.prediction_column}": {call}}}\n'
        ")\n"
        'holdout_predictions.to_csv("predictions.csv", index=False)'
    )


def check_predictions(plan: TakeHomePlan) -> str:
    i, p = plan.id_column, plan.prediction_column
    lines = [
        "# Check: the predictions have the requested format",
        f'_expected_ids = pd.read_csv(DATA / "holdout_features.csv")["{i}"]',
        f'assert list(holdout_predictions.columns) == ["{i}", "{p}"], (',
        f"    f\"expected the columns ['{i}', '{p}'], got {{list(holdout_predictions.columns)}}\"",
        ")",
        f'assert holdout_predictions["{i}"].tolist() == _expected_ids.tolist(), (',
        f'    "`{i}` should list the holdout rows in the order of data/holdout_features.csv"',
        ")",
        f'_p = holdout_predictions["{p}"]',
        'assert _p.notna().all(), "every row needs a prediction"',
    ]
    if plan.binary:
        lines.append(f'assert _p.between(0, 1).all(), "every `{p}` should be a probability between 0 and 1"')
    lines += [
        'assert Path("predictions.csv").is_file(), "save the predictions as predictions.csv"',
        'print("Prediction checks passed.")',
    ]
    return "\n".join(lines)


def export_estimate() -> str:
    return 'from mleprep.handin import export_value\n\nexport_value("holdout_estimate", cv_score)'


def export_holdout(plan: TakeHomePlan) -> str:
    return (
        "from mleprep.handin import export_responses\n\n"
        'export_responses("holdout_quality", model, "data/holdout_features.csv", '
        f'id_column="{plan.id_column}", prepare=clean)'
    )
