"""Are holdout and estimate checks scored from the kernel's exports against labels only the grader reads?"""

from __future__ import annotations

from dataclasses import replace

import nbformat
import numpy as np
import pandas as pd
import pytest

from mleprep import handin
from mleprep.core.defaults import HOLDOUT_LABELS_FILE
from mleprep.course.spec import Metric
from mleprep.grading.holdout_checks import OutsideKernelGrader, score_outside_kernel
from tests.conftest import copy_course


class Scores:
    """A fitted-looking classifier whose probability of churn is the feature `score`."""

    classes_ = np.array([0, 1])

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return (X["score"].to_numpy() > 0.5).astype(int)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        p = X["score"].to_numpy(dtype=float)
        return np.column_stack([1 - p, p])


class Regressor:
    """A regressor (no classes_) that predicts the feature `score`."""

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        return X["score"].to_numpy(dtype=float)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return copy_course(tmp_path_factory.mktemp("holdout") / "course")


@pytest.fixture(scope="module")
def labels(course) -> pd.DataFrame:
    return pd.read_csv(course.hidden_dir("churn") / HOLDOUT_LABELS_FILE, dtype={"customer_id": str})


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # kernels export relative to their working folder
    return tmp_path


def export_model(workdir, labels, model, score, check_id="holdout_quality") -> None:
    features = pd.DataFrame({"customer_id": labels["customer_id"], "score": score})
    features.to_csv(workdir / "features.csv", index=False)
    handin.export_responses(check_id, model, "features.csv", id_column="customer_id")
    assert handin.export_path(check_id, workdir).is_file()


def passing_cell(grade_id: str):
    cell = nbformat.v4.new_code_cell("export(...)")
    cell.metadata["nbgrader"] = {"grade_id": grade_id, "grade": True, "solution": False, "points": 5}
    return cell


def test_predictions_equal_to_the_labels_earn_full_points(course, labels, workdir):
    churn = course.assignment("churn")
    export_model(workdir, labels, Scores(), labels["churn"].astype(float))
    grader = OutsideKernelGrader(course, churn, workdir)
    check = churn.check("holdout_quality")
    result = score_outside_kernel(check, passing_cell(check.id), grader, False, {})
    assert (result.outcome, result.points, result.max_points) == ("passed", 5.0, 5.0)
    assert result.message == f"roc_auc on the {len(labels):,} holdout rows: 1.0000, full marks from 0.8200."
    assert grader.values == {"holdout_quality": 1.0}


def test_a_model_no_better_than_chance_fails_with_no_points(course, labels, workdir):
    churn = course.assignment("churn")
    export_model(workdir, labels, Scores(), 0.5)
    outcome, points, message = OutsideKernelGrader(course, churn, workdir).holdout(
        churn.check("holdout_quality")
    )
    assert (outcome, points) == ("failed", 0.0)
    assert "0.5000: below every band" in message


def test_a_matching_estimate_passes_within_the_tolerance(course, labels, workdir):
    churn = course.assignment("churn")
    export_model(workdir, labels, Scores(), labels["churn"].astype(float))
    handin.export_value("holdout_estimate", [0.97, 0.99])  # a mean of fold scores, 0.98
    grader = OutsideKernelGrader(course, churn, workdir)
    grader.holdout(churn.check("holdout_quality"))
    outcome, points, message = grader.estimate(churn.check("holdout_estimate"))
    assert (outcome, points) == ("passed", 2.0)
    assert message == "your estimate 0.9800, the holdout gave 1.0000: off by 0.0200, within 0.03."


def test_an_estimate_off_by_more_than_the_tolerance_fails_with_the_leak_hint(course, labels, workdir):
    churn = course.assignment("churn")
    export_model(workdir, labels, Scores(), 0.5)  # the holdout gives 0.5
    handin.export_value("holdout_estimate", 0.9)  # measured on the training data, say
    grader = OutsideKernelGrader(course, churn, workdir)
    grader.holdout(churn.check("holdout_quality"))
    outcome, points, message = grader.estimate(churn.check("holdout_estimate"))
    assert (outcome, points) == ("failed", 0.0)
    assert message.startswith("your estimate 0.9000, the holdout gave 0.5000: off by 0.4000 (allowed 0.03)")
    assert message.endswith(
        "the estimate is higher than what new data gives: was it measured on data the model was fitted on?"
    )


def test_an_error_metrics_estimate_is_compared_as_a_positive_number(course, labels, workdir):
    churn = course.assignment("churn")
    mse = replace(churn, metric=Metric("neg_mean_squared_error", -0.1))
    export_model(workdir, labels, Regressor(), labels["churn"] + 0.5)  # every prediction off by 0.5
    grader = OutsideKernelGrader(course, mse, workdir)
    outcome, _, message = grader.holdout(mse.check("holdout_quality"))
    assert outcome == "failed" and "mean_squared_error on the" in message and ": 0.2500:" in message
    assert grader.values["holdout_quality"] == pytest.approx(-0.25)
    handin.export_value("holdout_estimate", 0.26)
    assert grader.estimate(mse.check("holdout_estimate"))[:2] == ("passed", 2.0)
    handin.export_value("holdout_estimate", 0.2)
    outcome, _, message = grader.estimate(mse.check("holdout_estimate"))
    assert outcome == "failed" and "lower than what new data gives" in message


def test_an_estimate_whose_holdout_could_not_be_computed_is_an_error(course, workdir):
    churn = course.assignment("churn")
    handin.export_value("holdout_estimate", 0.85)
    grader = OutsideKernelGrader(course, churn, workdir)
    check = churn.check("holdout_estimate")
    result = score_outside_kernel(check, passing_cell(check.id), grader, False, {})
    assert (result.outcome, result.points, result.max_points) == ("error", 0.0, 2.0)
    assert result.message == "it needs the holdout score of 'holdout_quality', which could not be computed"


def test_a_holdout_check_that_exported_nothing_is_an_error(course, workdir):
    churn = course.assignment("churn")
    check = churn.check("holdout_quality")
    result = score_outside_kernel(
        check, passing_cell(check.id), OutsideKernelGrader(course, churn, workdir), False, {}
    )
    assert result.outcome == "error" and "exported nothing" in result.message


def test_an_export_cell_that_raised_is_not_scored_and_says_why(course, labels, workdir):
    churn = course.assignment("churn")
    export_model(workdir, labels, Scores(), labels["churn"].astype(float))  # a stale good export
    check = churn.check("holdout_quality")
    cell = passing_cell(check.id)
    cell.outputs = [nbformat.v4.new_output("error", ename="TypeError", evalue="bad model", traceback=[])]
    grader = OutsideKernelGrader(course, churn, workdir)
    result = score_outside_kernel(check, cell, grader, False, {})
    assert (result.outcome, result.points) == ("error", 0.0)
    assert result.message == "could not export the model's answers: TypeError: bad model"
    assert grader.values == {}  # the labels were never consulted


def test_an_untouched_answer_is_not_attempted_even_with_an_export(course, labels, workdir):
    churn = course.assignment("churn")
    export_model(workdir, labels, Scores(), labels["churn"].astype(float))
    check = churn.check("holdout_quality")
    cell = passing_cell(check.id)
    cell.outputs = [nbformat.v4.new_output("error", ename="NameError", evalue="model", traceback=[])]
    result = score_outside_kernel(check, cell, OutsideKernelGrader(course, churn, workdir), True, {})
    assert result.outcome == "not attempted"
    assert result.message == "not attempted: the answer cell(s) build_model were deleted."
