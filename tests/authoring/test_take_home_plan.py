"""The plan's choices: which metric fits the task, which value of a yes/no target `y` is 1 for,
and which columns are True/False however pandas read them."""

from __future__ import annotations

import pandas as pd
import pytest

from mleprep.authoring.table_intake import TableError
from mleprep.authoring.take_home_plan import bool_columns, choose_metric, choose_positive


def test_each_task_gets_its_default_metric() -> None:
    assert choose_metric(None, "classification", (0, 1)) == "roc_auc"
    assert choose_metric(None, "classification", ("a", "b", "c")) == "balanced_accuracy"
    assert choose_metric(None, "ranking", (0, 1)) == "average_precision"
    assert choose_metric(None, "forecast", ()) == "neg_mean_absolute_error"


@pytest.mark.parametrize(
    ("metric", "task", "says"),
    [
        ("roc_auc", "regression", "does not fit a regression"),
        ("neg_mean_absolute_error", "classification", "does not fit a classification"),
        ("r2", "ranking", "does not fit a ranking"),
        ("precision_at_10", "ranking", "recommenders"),
        ("roc_auc", "classification", "needs a yes/no target"),
        ("roc_acu", "classification", "did you mean 'roc_auc'"),
    ],
)
def test_a_metric_that_does_not_fit_the_task_is_refused(metric: str, task: str, says: str) -> None:
    classes = ("a", "b", "c") if says == "needs a yes/no target" else (0, 1)
    with pytest.raises(TableError, match=says):
        choose_metric(metric, task, classes)


def test_a_regression_metric_fits_a_forecast() -> None:
    assert choose_metric("neg_root_mean_squared_error", "forecast", ()) == "neg_root_mean_squared_error"


def test_the_rarer_value_of_a_text_target_is_the_positive_one() -> None:
    target = pd.Series(["good"] * 70 + ["bad"] * 30)
    assert choose_positive(("bad", "good"), target, None) == "bad"


def test_the_mentor_names_the_positive_value() -> None:
    target = pd.Series(["good"] * 70 + ["bad"] * 30)
    assert choose_positive(("bad", "good"), target, "good") == "good"
    with pytest.raises(TableError, match="'excellent' is not a value of the target"):
        choose_positive(("bad", "good"), target, "excellent")


def test_a_target_already_0_1_needs_no_mapping() -> None:
    assert choose_positive((0, 1), pd.Series([0, 1, 1]), None) is None
    assert choose_positive((0, 1), pd.Series([0, 1, 1]), "1") is None
    assert choose_positive((0, 1), pd.Series([0, 1, 1]), "0") == 0


def test_true_false_columns_are_found_with_or_without_blanks() -> None:
    table = pd.DataFrame(
        {
            "paperless": [True, False, True],
            "promo": ["True", None, "False"],
            "plan": ["a", "b", "a"],
            "n": [1, 2, 3],
        }
    )
    assert bool_columns(table, ("paperless", "promo", "plan", "n")) == ("paperless", "promo")
