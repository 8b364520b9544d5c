"""The holdout score in the team's own terms ([business] in assignment.toml), read in the grading
process from the model's exported answers and the hidden labels.

"ROC AUC 0.83" means little to a retention team; "of the 300 customers it would have you call,
160 left, where 300 picked at random would have found 80" is what they decide on. Only counts
reach the candidate, never a label.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mleprep.course.spec import Assignment
from mleprep.grading.scoring import read_export
from mleprep.metrics.registry import ScoringError
from mleprep.metrics.replay import read_labels, replay_estimator


@dataclass(frozen=True)
class TopNShare:
    top_n: int
    hits: int  # positives among the top_n highest-scored rows
    at_random: float  # expected hits of top_n rows picked at random
    best: int  # hits of a perfect ranking
    rows: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _scores(estimator: Any, X: Any) -> np.ndarray:
    if hasattr(estimator, "predict_proba"):
        return np.asarray(estimator.predict_proba(X))[:, 1]
    if hasattr(estimator, "decision_function"):
        return np.asarray(estimator.decision_function(X), dtype=float)
    raise ScoringError("the model exported no scores to rank by (predict_proba or decision_function)")


def business_reading(*, assignment: Assignment, export_file: Path, labels_file: Path) -> TopNShare | None:
    """The [business] reading of a holdout export; None when the assignment defines none."""
    business, task = assignment.business, assignment.task
    if business is None or task is None:
        return None
    estimator, X, y = replay_estimator(
        read_export(export_file), read_labels(labels_file, id_column=task.id_column, target=task.target)
    )
    classes = list(getattr(estimator, "classes_", []))
    if len(classes) != 2:
        raise ScoringError("a top-N reading needs a model of two classes")
    positive = np.asarray(y) == classes[1]
    scores = _scores(estimator, X)
    n = min(business.top_n, len(scores))
    # Stable sort: ties keep the export's order, so the same answers always give the same count.
    top = np.argsort(-scores, kind="stable")[:n]
    hits = int(positive[top].sum())
    at_random = n * float(positive.mean())
    best = int(min(n, positive.sum()))
    text = (
        f"Of the {n:,} {business.rows} your model ranks highest, {hits:,} were {business.positives} "
        f"({hits / n:.0%}); {n:,} picked at random would have found about {at_random:,.0f}, and a perfect "
        f"ranking {best:,}."
    )
    return TopNShare(n, hits, round(at_random, 1), best, len(scores), text)
