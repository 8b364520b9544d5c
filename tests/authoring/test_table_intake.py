"""Does `mleprep new` refuse, before writing anything, a CSV that cannot make a fair take-home, and
does it warn about columns a reviewer would ask about?"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mleprep.authoring.new_take_home import new_take_home
from mleprep.authoring.table_intake import (
    TableError,
    check_request,
    leak_warnings,
    read_table,
    single_feature_scores,
)
from tests.conftest import copy_course, tree_digest


def customers(rows: int = 300, seed: int = 0) -> pd.DataFrame:
    """A small honest table: two numeric features, one category and a yes/no target."""
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=rows), rng.normal(size=rows)
    return pd.DataFrame(
        {
            "customer": [f"C{n:05d}" for n in range(rows)],
            "tenure": x1,
            "spend": x2,
            "city": rng.choice(["north", "south", "east"], size=rows),
            "target": (x1 + rng.normal(scale=1.0, size=rows) > 0).astype(int),
        }
    )


def write(tmp_path: Path, table: pd.DataFrame, name: str = "table.csv") -> Path:
    path = tmp_path / name
    table.to_csv(path, index=False)
    return path


def request(path: Path, *, task: str = "classification", target: str = "target", **roles: str | None):
    table = read_table(path)
    return check_request(
        table,
        path,
        task=task,
        target=target,
        id_column=roles.get("id_column"),
        time_column=roles.get("time_column"),
        group_column=roles.get("group_column"),
    )


def test_an_honest_table_is_accepted_with_its_columns_roles(tmp_path):
    columns = request(write(tmp_path, customers()), id_column="customer")
    assert columns.target == "target" and columns.id_column == "customer"
    assert columns.features == ("tenure", "spend", "city")
    assert columns.numeric == ("tenure", "spend")


def test_a_target_with_one_value_is_refused_naming_the_column_and_the_file(tmp_path):
    path = write(tmp_path, customers().assign(target=1))
    with pytest.raises(TableError, match="one value") as info:
        request(path)
    assert "'target'" in str(info.value) and str(path) in str(info.value)
    assert "nothing to predict" in str(info.value)


def test_a_classification_target_different_on_every_row_is_refused_as_an_id(tmp_path):
    table = customers().assign(target=np.arange(300))
    with pytest.raises(TableError, match=r"'target' of .* differs on almost every row: it looks like an id"):
        request(write(tmp_path, table))


def test_a_missing_column_is_refused_with_a_did_you_mean_hint(tmp_path):
    path = write(tmp_path, customers())
    with pytest.raises(TableError) as info:
        request(path, target="targt")
    message = str(info.value)
    assert str(path) in message and "'targt'" in message and "--target" in message
    assert "did you mean 'target'?" in message


def test_a_missing_column_far_from_any_name_lists_the_columns(tmp_path):
    with pytest.raises(TableError, match="its columns are customer, tenure, spend, city, target"):
        request(write(tmp_path, customers()), id_column="zzzzzz")


def test_a_png_is_refused_as_not_a_table(tmp_path):
    path = tmp_path / "picture.png"
    noise = np.random.default_rng(0).integers(0, 256, 4000, dtype=np.uint8).tobytes()
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise)
    with pytest.raises(TableError, match="is not a CSV table") as info:
        read_table(path)
    assert str(path) in str(info.value)


def test_a_one_column_file_is_refused_as_not_features_and_a_target(tmp_path):
    path = write(tmp_path, customers()[["target"]])
    with pytest.raises(TableError, match="not a table of features and a target: it has 1 column") as info:
        read_table(path)
    assert str(path) in str(info.value)


def test_a_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(TableError, match="does not exist"):
        read_table(tmp_path / "nowhere.csv")


def test_fewer_than_100_rows_are_refused(tmp_path):
    path = write(tmp_path, customers(rows=99))
    with pytest.raises(TableError, match="has 99 rows; a take-home needs at least 100"):
        read_table(path)
    assert len(read_table(write(tmp_path, customers(rows=100), "enough.csv"))) == 100


def test_a_forecast_without_a_time_column_is_refused(tmp_path):
    with pytest.raises(TableError, match="a forecast needs --time-column"):
        request(write(tmp_path, customers().assign(target=np.linspace(0, 1, 300))), task="forecast")


def test_a_regression_target_of_text_is_refused(tmp_path):
    rng = np.random.default_rng(1)
    table = customers().assign(target=rng.choice(["low", "medium", "high"], size=300))
    with pytest.raises(TableError, match=r"a regression target must be numbers; 'target' of .* holds text"):
        request(write(tmp_path, table), task="regression")


def test_a_ranking_target_with_three_values_is_refused(tmp_path):
    table = customers().assign(target=np.arange(300) % 3)
    with pytest.raises(TableError, match=r"must be yes/no \(two values\); 'target' of .* has 3"):
        request(write(tmp_path, table), task="ranking")


def test_a_duplicated_id_column_is_refused(tmp_path):
    table = customers()
    table.loc[5, "customer"] = table.loc[4, "customer"]
    with pytest.raises(TableError, match=r"'customer' of .* is blank or repeats: ids must name one row"):
        request(write(tmp_path, table), id_column="customer")


def test_quotes_in_a_column_name_are_refused_before_anything_is_written(tmp_path):
    course = copy_course(tmp_path / "course")
    before = tree_digest(course.root)
    path = write(tmp_path, customers().rename(columns={"target": 'the "target"'}))
    with pytest.raises(TableError, match=r"--target .*rename the column without quotes"):
        new_take_home(
            course=course, assignment_id="quoted", data=path, target='the "target"', task="classification"
        )
    assert tree_digest(course.root) == before


def test_a_column_equal_to_the_target_plus_noise_is_flagged_as_near_perfect(tmp_path):
    table = customers()
    table["shadow"] = table["target"] + np.random.default_rng(2).normal(scale=0.01, size=len(table))
    path = write(tmp_path, table)
    columns = request(path, id_column="customer")
    scores = single_feature_scores(read_table(path), columns, task="classification", seed=0)
    assert next(iter(scores)) == "shadow" and scores["shadow"] >= 0.97
    warnings = leak_warnings(read_table(path), columns, scores)
    assert any("'shadow' alone predicts 'target' almost perfectly" in w for w in warnings), warnings
    assert not any("'spend'" in w for w in warnings)


def test_a_column_named_as_recorded_after_the_outcome_is_flagged(tmp_path):
    table = customers().assign(refund_after=0.0, afterglow=1.0)
    path = write(tmp_path, table)
    warnings = leak_warnings(read_table(path), request(path), {})
    assert any("'refund_after' sounds like it is recorded after the outcome" in w for w in warnings)
    assert not any("afterglow" in w or "tenure" in w for w in warnings), warnings


def test_a_date_column_later_than_the_time_column_is_flagged(tmp_path):
    table = customers()
    signup = pd.Timestamp("2023-01-01") + pd.to_timedelta(np.arange(300), unit="D")
    table["signup"] = signup.strftime("%Y-%m-%d")
    table["closed_date"] = (signup + pd.Timedelta(days=30)).strftime("%Y-%m-%d")
    table["birth_date"] = (signup - pd.Timedelta(days=9000)).strftime("%Y-%m-%d")
    path = write(tmp_path, table)
    warnings = leak_warnings(read_table(path), request(path, time_column="signup"), {})
    assert any("'closed_date' is later than 'signup' on 100% of rows" in w for w in warnings), warnings
    assert not any("birth_date" in w for w in warnings)


def test_a_date_that_reaches_into_the_holdout_period_is_flagged() -> None:
    rows = 400
    days = pd.date_range("2022-01-01", periods=rows, freq="D")
    table = pd.DataFrame(
        {
            "day": days.strftime("%Y-%m-%d"),
            "price": np.arange(rows, dtype=float),
            # A review date typed in months later, when the whole series was already known.
            "reviewed_date": (days + pd.Timedelta(days=120)).strftime("%Y-%m-%d"),
            "sales": np.arange(rows, dtype=float) * 2,
        }
    )
    columns = check_request(
        table, Path("t.csv"), task="forecast", target="sales", id_column=None, time_column="day",
        group_column=None,
    )  # fmt: skip
    warnings = leak_warnings(table, columns, {}, share=0.2)
    assert any("'reviewed_date' reaches past the split" in w for w in warnings), warnings
