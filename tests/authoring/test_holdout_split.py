"""Is the holdout chosen the way the task meets new data, and does nothing in what candidates get
give the labels or the row order away?"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mleprep.authoring.holdout_split import ROW_ID, split_table, write_with_sums
from mleprep.authoring.table_intake import TableError, check_request


def roles(table: pd.DataFrame, *, task: str, target: str, **named: str):
    return check_request(
        table,
        Path("table.csv"),
        task=task,
        target=target,
        id_column=named.get("id_column"),
        time_column=named.get("time_column"),
        group_column=named.get("group_column"),
    )


def sales(rows: int = 400, seed: int = 0) -> pd.DataFrame:
    """Daily sales, rows shuffled so the split has to order them itself."""
    rng = np.random.default_rng(seed)
    days = pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.permutation(rows), unit="D")
    return pd.DataFrame(
        {
            "day": days.strftime("%Y-%m-%d"),
            "price": rng.normal(10, 2, rows),
            "sales": rng.poisson(50, rows).astype(float),
        }
    )


def numbered(rows: int = 500, seed: int = 0) -> pd.DataFrame:
    """A regression table whose feature `n` is the original row number."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"n": np.arange(rows), "x": rng.normal(size=rows), "y": rng.normal(size=rows)})


def test_the_time_split_holds_out_the_latest_rows_and_keeps_train_in_time_order():
    table = sales()
    split = split_table(
        table,
        roles(table, task="forecast", target="sales", time_column="day"),
        task="forecast",
        share=0.2,
        seed=0,
    )
    train_days = pd.to_datetime(split.train["day"])
    holdout_days = pd.to_datetime(split.holdout_features["day"])
    assert holdout_days.min() >= train_days.max()
    assert train_days.is_monotonic_increasing
    assert len(split.holdout_features) == pytest.approx(0.2 * len(table), abs=2)
    assert split.how.startswith("by time")


def test_the_group_split_never_puts_a_group_on_both_sides():
    rng = np.random.default_rng(3)
    table = pd.DataFrame(
        {
            "store": rng.choice([f"S{n:02d}" for n in range(30)], size=600),
            "size": rng.normal(size=600),
            "revenue": rng.normal(100, 10, size=600),
        }
    )
    columns = roles(table, task="regression", target="revenue", group_column="store")
    split = split_table(table, columns, task="regression", share=0.2, seed=0)
    train, held = set(split.train["store"]), set(split.holdout_features["store"])
    assert train and held and not train & held
    assert len(train | held) == 30
    assert split.how.startswith("by group")


def test_a_group_split_needs_five_groups():
    rng = np.random.default_rng(4)
    table = pd.DataFrame(
        {"store": rng.choice(["a", "b", "c"], 300), "x": rng.normal(size=300), "y": rng.normal(size=300)}
    )
    with pytest.raises(TableError, match="'store' has 3 groups: holding out 1 leaves fewer than the 5"):
        split_table(
            table,
            roles(table, task="regression", target="y", group_column="store"),
            task="regression",
            share=0.2,
            seed=0,
        )


def test_the_stratified_split_keeps_class_shares_within_two_percent():
    rng = np.random.default_rng(5)
    rows = 1000
    table = pd.DataFrame(
        {
            "x": rng.normal(size=rows),
            "label": rng.choice(["stay", "leave", "pause"], size=rows, p=[0.7, 0.2, 0.1]),
        }
    )
    split = split_table(
        table, roles(table, task="classification", target="label"), task="classification", share=0.2, seed=0
    )
    overall = table["label"].value_counts(normalize=True)
    for part in (split.train["label"], split.holdout_labels["label"]):
        shares = part.value_counts(normalize=True)
        assert (shares - overall).abs().max() < 0.02, (shares, overall)


def test_opaque_ids_are_unique_and_do_not_give_away_row_order():
    table = numbered()
    split = split_table(
        table, roles(table, task="regression", target="y"), task="regression", share=0.2, seed=0
    )
    both = pd.concat([split.train, split.holdout_features])
    ids = both[ROW_ID]
    assert split.id_column == ROW_ID and split.train.columns[0] == ROW_ID
    assert ids.is_unique and len(ids) == len(table)
    assert ids.str.fullmatch(r"ROW-[0-9a-f]{10}").all()
    assert list(split.train[ROW_ID]) != sorted(split.train[ROW_ID])
    numbers = ids.str.removeprefix("ROW-").map(lambda h: int(h, 16))
    assert abs(np.corrcoef(numbers, both["n"])[0, 1]) < 0.2


def test_the_published_seed_reproduces_the_split_but_not_the_ids_or_the_order():
    # README records the seed; ids and row order a candidate could recompute would map rows back to
    # their place in the mentor's file (and a file sorted by target would give labels away).
    table = numbered()
    cols = roles(table, task="regression", target="y")
    first, second = (split_table(table, cols, task="regression", share=0.2, seed=0) for _ in range(2))
    assert sorted(first.holdout_features["n"]) == sorted(second.holdout_features["n"])
    assert set(first.train[ROW_ID]).isdisjoint(second.train[ROW_ID])
    assert list(first.train["n"]) != list(second.train["n"])


def test_a_table_with_its_own_row_id_column_keeps_it_and_gets_another_id():
    table = numbered().assign(row_id=lambda t: t["n"] % 7)
    split = split_table(
        table, roles(table, task="regression", target="y"), task="regression", share=0.2, seed=0
    )
    assert split.id_column == "row_id_" and "row_id" in split.train.columns
    assert split.train["row_id_"].is_unique


def test_a_given_id_column_is_kept_instead_of_opaque_ids():
    table = numbered().assign(key=lambda t: [f"K{n}" for n in t["n"]])
    split = split_table(
        table,
        roles(table, task="regression", target="y", id_column="key"),
        task="regression",
        share=0.2,
        seed=0,
    )
    assert split.id_column == "key" and ROW_ID not in split.train.columns


def test_labels_hold_exactly_id_and_target_of_the_holdout_rows_and_features_no_target():
    table = numbered()
    split = split_table(
        table, roles(table, task="regression", target="y"), task="regression", share=0.2, seed=0
    )
    assert list(split.holdout_labels.columns) == [ROW_ID, "y"]
    assert "y" not in split.holdout_features.columns and "y" in split.train.columns
    assert list(split.holdout_labels[ROW_ID]) == list(split.holdout_features[ROW_ID])
    truth = table.set_index("n")["y"]
    assert np.allclose(split.holdout_labels["y"], truth.loc[split.holdout_features["n"]].to_numpy())
    assert set(split.holdout_features["n"]).isdisjoint(split.train["n"])
    assert len(split.train) + len(split.holdout_features) == len(table)


def test_rows_without_a_target_are_dropped_before_splitting():
    table = numbered()
    table.loc[:9, "y"] = np.nan
    split = split_table(
        table, roles(table, task="regression", target="y"), task="regression", share=0.2, seed=0
    )
    assert len(split.train) + len(split.holdout_labels) == len(table) - 10
    assert split.holdout_labels["y"].notna().all() and split.train["y"].notna().all()


def test_write_with_sums_records_sha256_lines_that_verify(tmp_path):
    table = numbered()
    split = split_table(
        table, roles(table, task="regression", target="y"), task="regression", share=0.2, seed=0
    )
    folder = tmp_path / "data"
    write_with_sums(folder, {"train.csv": split.train, "holdout_features.csv": split.holdout_features})
    lines = (folder / "SHA256SUMS").read_text().splitlines()
    assert len(lines) == 2
    named = {}
    for line in lines:
        digest, name = line.split("  ")
        named[name] = digest
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert set(named) == {"train.csv", "holdout_features.csv"}
    assert len(pd.read_csv(folder / "train.csv")) == len(split.train)


@pytest.mark.parametrize("share", [0.0, 0.04, 0.51, 0.8, 1.0])
def test_a_holdout_share_outside_5_to_50_percent_is_refused(share):
    table = numbered()
    with pytest.raises(TableError, match=r"--holdout .* between 0.05 and 0.5"):
        split_table(
            table, roles(table, task="regression", target="y"), task="regression", share=share, seed=0
        )


@pytest.mark.parametrize("share", [0.05, 0.5])
def test_the_holdout_share_bounds_are_accepted(share):
    table = numbered()
    split = split_table(
        table, roles(table, task="regression", target="y"), task="regression", share=share, seed=0
    )
    assert len(split.holdout_features) == round(share * len(table))
