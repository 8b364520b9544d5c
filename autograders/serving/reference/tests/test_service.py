"""Tests of churn_service: the contract the CRM relies on, through the Python API and the command line.

They use the model serving.ipynb saved into the package; run them from the folder that holds
churn_service/ and tests/:  python -m pytest tests
"""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import churn_service

PROJECT = Path(churn_service.__file__).resolve().parents[1]

# A customer as the CRM exports them (the first row of data/holdout_features.csv).
CUSTOMER = {
    "customer_id": "CUST-10003",
    "female": 1,
    "senior_citizen": 0,
    "partner": 0,
    "dependents": 0,
    "tenure": 11,
    "phone_service": 1,
    "multiple_lines": "No",
    "internet_service": "DSL",
    "online_security": "No",
    "online_backup": "No",
    "device_protection": "No",
    "tech_support": "No",
    "streaming_tv": "No",
    "streaming_movies": "No",
    "contract": "Month-to-month",
    "paperless_billing": 1,
    "payment_method": "Mailed check",
    "monthly_charges": 44.65,
    "total_charges": "472.25",
}
# A long-standing customer on a two-year contract: the model should see far less risk.
LOYAL = {
    **CUSTOMER,
    "customer_id": "CUST-20000",
    "tenure": 70,
    "contract": "Two year",
    "payment_method": "Bank transfer (automatic)",
    "total_charges": "3125.50",
}


@pytest.fixture(scope="module", autouse=True)
def model():
    if not churn_service.DEFAULT_MODEL_PATH.is_file():
        pytest.fail("no churn_service/model.joblib: run serving.ipynb first, it trains and saves the model")
    return churn_service.load_model()


def test_one_probability_per_customer_in_input_order() -> None:
    forward = churn_service.predict([CUSTOMER, LOYAL])
    backward = churn_service.predict([LOYAL, CUSTOMER])
    assert isinstance(forward, list) and len(forward) == 2
    assert all(isinstance(p, float) and 0 <= p <= 1 for p in forward)
    assert backward == forward[::-1]
    assert forward[0] > forward[1], "a new month-to-month customer should be riskier than a loyal one"


def test_a_dataframe_scores_like_the_same_records(model) -> None:
    frame = pd.DataFrame([CUSTOMER, LOYAL], index=[7, 3])  # any index: order is what counts
    assert churn_service.predict(frame) == churn_service.predict([CUSTOMER, LOYAL])


def test_scores_are_the_models_probabilities(model) -> None:
    features = pd.DataFrame([CUSTOMER]).drop(columns=["customer_id"])
    features["total_charges"] = pd.to_numeric(features["total_charges"])
    (expected,) = model.predict_proba(features)[:, 1]
    (served,) = churn_service.predict([CUSTOMER])
    assert math.isclose(served, expected, abs_tol=1e-9)


@pytest.mark.parametrize(
    "change",
    [
        {"internet_service": "Satellite"},  # a product the model never saw
        {"loyalty_tier": "gold"},  # a field it does not use
        {"tenure": "11", "monthly_charges": " 44.65 "},  # numbers written as text
        {"tenure": 0, "total_charges": " "},  # a new customer, not billed yet
        {"total_charges": None},
    ],
    ids=["unknown category", "extra field", "numbers as text", "blank total", "no total"],
)
def test_tolerated_oddities_are_scored(change: dict) -> None:
    (p,) = churn_service.predict([{**CUSTOMER, **change}])
    assert 0 <= p <= 1


def test_numbers_as_text_score_like_numbers() -> None:
    as_text = {**CUSTOMER, "tenure": "11", "monthly_charges": "44.65", "female": "1"}
    assert churn_service.predict([as_text]) == churn_service.predict([CUSTOMER])


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("tenure", None, "has no value"),
        ("monthly_charges", "abc", "should be a number"),
        ("tenure", -3, "cannot be negative"),
        ("monthly_charges", -20.5, "cannot be negative"),
        ("senior_citizen", 2, "should be 0 or 1"),
        ("contract", "", "has no value"),
        ("tenure", float("inf"), "should be a finite number"),
    ],
)
def test_bad_values_are_refused_naming_row_and_field(field: str, value: object, says: str) -> None:
    with pytest.raises(ValueError, match=rf"row 1 \(CUST-20000\): the field '{field}' {says}"):
        churn_service.predict([CUSTOMER, {**LOYAL, field: value}])


def test_a_missing_field_is_refused() -> None:
    incomplete = {k: v for k, v in CUSTOMER.items() if k != "tenure"}
    with pytest.raises(ValueError, match=r"row 0 \(CUST-10003\): the field 'tenure' is missing"):
        churn_service.predict([incomplete])
    with pytest.raises(ValueError, match=r"the column 'tenure' is missing"):
        churn_service.predict(pd.DataFrame([incomplete]))


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(churn_service.InvalidInputError) as caught:
        churn_service.predict([{**CUSTOMER, "tenure": -1}, CUSTOMER, {**CUSTOMER, "contract": None}])
    assert [(p.row, p.field) for p in caught.value.problems] == [(0, "tenure"), (2, "contract")]


@pytest.mark.parametrize(
    ("records", "says"),
    [
        ([], "no records"),
        (pd.DataFrame(columns=list(CUSTOMER)), "no records"),
        ([CUSTOMER, ["CUST-1", 0, 1]], "row 1: expected a dict"),
        (CUSTOMER, "expected a list of records"),
        ("CUST-10003", "expected a list of records"),
    ],
    ids=["empty list", "empty table", "a list row", "one dict", "text"],
)
def test_input_of_the_wrong_shape_is_refused(records: object, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        churn_service.predict(records)


def test_a_missing_model_file_is_reported_clearly(tmp_path: Path) -> None:
    with pytest.raises(churn_service.ModelError, match="no model at"):
        churn_service.load_model(tmp_path / "model.joblib")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "churn_service", *args]
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=120)


def test_the_command_line_writes_scores_in_input_order(tmp_path: Path) -> None:
    pd.DataFrame([LOYAL, CUSTOMER]).to_csv(tmp_path / "in.csv", index=False)
    run = _cli(str(tmp_path / "in.csv"), "--output", str(tmp_path / "out.csv"))
    assert run.returncode == 0, run.stderr
    scores = pd.read_csv(tmp_path / "out.csv")
    assert list(scores.columns) == ["customer_id", "churn_probability"]
    assert scores["customer_id"].tolist() == ["CUST-20000", "CUST-10003"]
    assert scores["churn_probability"].tolist() == pytest.approx(churn_service.predict([LOYAL, CUSTOMER]))


def test_the_command_line_refuses_bad_input_in_one_line(tmp_path: Path) -> None:
    pd.DataFrame([CUSTOMER, {**LOYAL, "monthly_charges": "abc"}]).to_csv(tmp_path / "in.csv", index=False)
    run = _cli(str(tmp_path / "in.csv"), "--output", str(tmp_path / "out.csv"))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1
    assert "line 3 (CUST-20000): the field 'monthly_charges'" in run.stderr
    assert not (tmp_path / "out.csv").exists()
