"""Ranking quality for recommendation take-homes: precision@k of exported top-k lists against held-out
interactions, scored in the grading process like any holdout check.

scikit-learn has no scorer for top-k recommendation lists; the registry (registry.py) offers this one
as `precision_at_K` (K from 1 to 100), and everything else about the check (credit bands, the estimate
check, feedback) works as for scikit-learn scorers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd


def precision_at_k(
    export: dict[str, Any], relevant: pd.DataFrame, *, user_column: str, item_column: str, k: int
) -> float:
    """Mean over held-out users of |top k ∩ their held-out items| / k.

    Raises ValueError, in the candidate's terms, when the export is not one list per held-out user.
    """
    rankings = export.get("rankings")
    if not isinstance(rankings, dict):
        raise ValueError("the export has no rankings: call export_rankings with {user: [items, ...]}")
    truth = relevant.groupby(relevant[user_column].astype(str))[item_column].agg(lambda s: set(s.astype(str)))
    missing = [u for u in truth.index if u not in rankings]
    if missing:
        raise ValueError(
            f"no ranking for {len(missing)} of the {len(truth)} users to recommend for (e.g. {missing[0]})"
        )
    hits = []
    for user, items in truth.items():
        ranked = [str(i) for i in rankings[user]]
        if len(ranked) < k or len(set(ranked[:k])) < k:
            raise ValueError(f"user {user} needs {k} different items, the ranking has {len(set(ranked[:k]))}")
        hits.append(len(set(ranked[:k]) & items) / k)
    return float(sum(hits) / len(hits))


def read_relevant(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str)
