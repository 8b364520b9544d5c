"""Split a mentor's table into what candidates get and what only the grader keeps.

The holdout is chosen the way the task will meet new data: the latest period when there is a time
column, unseen groups when there is a group column, a stratified sample for classes, a random
sample otherwise. Rows get opaque ids when the table has none, so no id gives away order or label.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from mleprep.authoring.table_intake import Columns, TableError
from mleprep.core.checksums import write_sums

ROW_ID = "row_id"


@dataclass(frozen=True)
class Split:
    train: pd.DataFrame
    holdout_features: pd.DataFrame
    holdout_labels: pd.DataFrame
    id_column: str
    how: str


def _opaque_ids(table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    # From the operating system's randomness, not the published seed: a candidate who could
    # recompute the ids would learn each row's place in the mentor's file, and a file sorted by
    # target or time gives the holdout's labels away.
    name = ROW_ID
    while name in table.columns:
        name += "_"
    ids: list[str] = []
    seen: set[str] = set()
    while len(ids) < len(table):
        if (token := f"ROW-{secrets.token_hex(5)}") not in seen:
            seen.add(token)
            ids.append(token)
    return table.assign(**{name: ids})[[name, *table.columns]], name


def _holdout_mask(table: pd.DataFrame, columns: Columns, *, task: str, share: float, seed: int) -> tuple:
    n = len(table)
    if columns.time_column is not None:
        when = pd.to_datetime(table[columns.time_column], format="mixed")
        cut = when.quantile(1 - share, interpolation="higher")
        mask = (when >= cut).to_numpy()
        if mask.all() or not mask.any():
            raise TableError(
                f"{columns.time_column!r} has too few distinct times to hold out the latest period"
            )
        return (
            mask,
            f"by time: rows from {cut:%Y-%m-%d %H:%M}".removesuffix(" 00:00")
            + f" on are the holdout (the latest {mask.mean():.0%})",
        )
    rng = np.random.default_rng(seed)
    if columns.group_column is not None:
        groups = table[columns.group_column].astype(str)
        unique = groups.unique()
        count = max(1, round(len(unique) * share))
        if len(unique) - count < 5:
            raise TableError(
                f"{columns.group_column!r} has {len(unique)} groups: holding out {count} leaves fewer than "
                "the 5 a grouped cross-validation needs"
            )
        held = set(rng.permutation(unique)[:count])
        mask = groups.isin(held).to_numpy()
        return mask, f"by group: {len(held)} of {len(unique)} {columns.group_column!r} values held out whole"
    if task in ("classification", "ranking"):
        from sklearn.model_selection import train_test_split

        _, held = train_test_split(
            np.arange(n), test_size=share, random_state=seed, stratify=table[columns.target].astype(str)
        )
        mask = np.zeros(n, dtype=bool)
        mask[held] = True
        return mask, f"stratified random: {mask.mean():.0%} held out with the same class shares"
    mask = np.zeros(n, dtype=bool)
    mask[rng.permutation(n)[: round(n * share)]] = True
    return mask, f"random: {mask.mean():.0%} held out"


def split_table(table: pd.DataFrame, columns: Columns, *, task: str, share: float, seed: int) -> Split:
    """Train (with target), holdout features (without) and holdout labels (id + target)."""
    if not 0.05 <= share <= 0.5:
        raise TableError(f"--holdout is the share of rows held out, between 0.05 and 0.5, not {share}")
    table = table.dropna(subset=[columns.target]).reset_index(drop=True)
    id_column = columns.id_column
    if id_column is None:
        table, id_column = _opaque_ids(table)
    mask, how = _holdout_mask(table, columns, task=task, share=share, seed=seed)
    if columns.time_column is not None:  # time order is the story of the data: keep it
        order = pd.to_datetime(table[columns.time_column], format="mixed").argsort(kind="stable").to_numpy()
    else:  # an order nobody can undo, so no row's place in the mentor's file shows
        order = np.random.default_rng(secrets.randbits(64)).permutation(len(table))
    table, mask = table.iloc[order].reset_index(drop=True), mask[order]
    train, holdout = table[~mask].reset_index(drop=True), table[mask].reset_index(drop=True)
    if (
        task in ("classification", "ranking")
        and train[columns.target].nunique() < table[columns.target].nunique()
    ):
        raise TableError("the training part lost a class: hold out less or split another way")
    return Split(
        train=train,
        holdout_features=holdout.drop(columns=[columns.target]),
        holdout_labels=holdout[[id_column, columns.target]],
        id_column=id_column,
        how=how,
    )


def write_with_sums(folder: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Write CSVs into `folder` and record their sha256 in `folder`/SHA256SUMS."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        (folder / name).write_text(frame.to_csv(index=False))
    write_sums(folder, list(tables))
