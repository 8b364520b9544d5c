"""Do hidden cells export what a model answers, and only that, in the shape the grader reads?"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LinearRegression, LogisticRegression

from mleprep import handin


@pytest.fixture
def holdout(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # kernels export relative to their working folder
    rng = np.random.default_rng(1)
    table = pd.DataFrame({"row_id": [f"r{i}" for i in range(20)], "x": rng.normal(size=20)})
    table.to_csv(tmp_path / "holdout_features.csv", index=False)
    return tmp_path / "holdout_features.csv"


def _export(check_id: str) -> dict:
    return json.loads(handin.export_path(check_id).read_text())


def test_a_classifier_exports_every_response_method_with_its_classes(holdout: Path) -> None:
    X = pd.DataFrame({"x": np.linspace(-2, 2, 40)})
    model = LogisticRegression().fit(X, (X["x"] > 0).astype(int))
    handin.export_responses("holdout", model, str(holdout), id_column="row_id")
    export = _export("holdout")
    assert export["ids"] == [f"r{i}" for i in range(20)] and export["classes"] == [0, 1]
    assert set(export["responses"]) == {"predict", "predict_proba", "decision_function"}
    assert np.asarray(export["responses"]["predict_proba"]).shape == (20, 2)


def test_the_cleaning_function_must_keep_every_row_in_order(holdout: Path) -> None:
    model = LinearRegression().fit(pd.DataFrame({"x": [1.0, 2.0, 3.0]}), [1, 2, 3])
    with pytest.raises(ValueError, match="keep every holdout row, in order"):
        handin.export_responses(
            "holdout", model, str(holdout), id_column="row_id", prepare=lambda t: t.iloc[::-1]
        )
    assert not handin.export_path("holdout").exists()


def test_a_failed_export_removes_the_earlier_one(holdout: Path) -> None:
    handin.export_value("estimate", 0.8)
    assert _export("estimate") == {"value": 0.8}
    with pytest.raises(ValueError, match="not a finite number"):
        handin.export_value("estimate", float("nan"))
    assert not handin.export_path("estimate").exists()


def test_something_that_is_not_a_model_is_refused(holdout: Path) -> None:
    with pytest.raises(TypeError, match="is it a fitted scikit-learn estimator"):
        handin.export_responses("holdout", object(), str(holdout), id_column="row_id")


def test_rankings_are_exported_as_text_ids_best_first(holdout: Path) -> None:
    handin.export_rankings("top", pd.Series({1: [5, 3], 2: [7, 1]}))
    assert _export("top") == {"rankings": {"1": ["5", "3"], "2": ["7", "1"]}}
    with pytest.raises(TypeError, match="should be a dict"):
        handin.export_rankings("top", [[5, 3]])


def test_answers_are_exported_key_by_key_and_a_raising_function_costs_only_its_key(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)

    def broken() -> float:
        raise KeyError("platform")

    table = pd.DataFrame({"variant": ["control", "treatment"], "users": np.array([10, 12])})
    handin.export_answers(
        "answers_q1", {"counts": lambda: table, "p_value": np.float64(0.25), "segment": broken}
    )
    answers = _export("answers_q1")["answers"]
    assert answers["counts"] == {
        "type": "table",
        "columns": ["variant", "users"],
        "rows": [["control", 10.0], ["treatment", 12.0]],
    }
    assert answers["p_value"] == {"type": "number", "value": 0.25}
    assert answers["segment"] == {"type": "error", "message": "KeyError: 'platform'"}


def test_an_answer_that_cannot_be_exported_says_what_to_return(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    handin.export_answers("answers_q2", {"model": object()})
    message = _export("answers_q2")["answers"]["model"]["message"]
    assert "cannot export a object" in message and "numbers, text, tables or records" in message


def test_the_variant_is_read_relative_to_the_notebook() -> None:
    assert handin.variant_path("shop.db") == Path("variant") / "shop.db"


def test_a_key_kept_both_as_index_and_as_column_is_exported_once() -> None:
    table = pd.DataFrame({"variant": ["control", "treatment"], "users": [10, 12]}).set_index(
        "variant", drop=False
    )
    assert handin.encode_answer(table)["columns"] == ["variant", "users"]
