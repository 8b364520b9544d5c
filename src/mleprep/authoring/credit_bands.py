"""Credit bands and the estimate tolerance, derived from measurements instead of guessed.

Everything is in the metric's "higher is better" units (errors negated, as scikit-learn scores
them). Full marks sit a little below the reference's worst seed, the bands split the way down to
the dummy, and the estimate check allows what the holdout's own sampling error makes unavoidable.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from mleprep.course.spec import Band, Metric, Task

BOOTSTRAP_ROUNDS = 300
# An optional column of holdout_labels.csv: rows with one value are resampled together.
CLUSTER_COLUMN = "cluster"
# Full marks this many bootstrap standard deviations below the reference's worst seed: an honest
# solution a little different from the reference still earns them.
PASS_MARGIN_SD = 2.0
# The estimate check allows this many standard deviations of the holdout's sampling error.
TOLERANCE_SD = 3.0
BAND_SHARES = ((0.5, 0.75), (0.25, 0.5))  # (credit, position between dummy and pass)


@dataclass(frozen=True)
class Proposal:
    pass_threshold: float
    bands: tuple[Band, ...]
    tolerance: float
    warnings: tuple[str, ...] = field(default=())

    def metric(self, scorer: str) -> Metric:
        return Metric(scorer, self.pass_threshold, self.bands)


def _clusters(labels_file: Path) -> list[np.ndarray] | None:
    """Row positions per value of the labels file's optional `cluster` column, in file order."""
    import pandas as pd

    cluster = pd.read_csv(labels_file, usecols=lambda c: c == CLUSTER_COLUMN).get(CLUSTER_COLUMN)
    if cluster is None:
        return None
    return [np.flatnonzero((cluster == value).to_numpy()) for value in cluster.unique()]


def bootstrap_values(
    export: dict[str, Any], labels_file: Path, *, task: Task, metric: Metric, seed: int = 0
) -> np.ndarray:
    """The metric on BOOTSTRAP_ROUNDS resamples of the holdout rows (users, for ranking metrics; whole
    clusters when holdout_labels.csv has a `cluster` column)."""
    from mleprep.metrics.registry import PrecisionAtK, ScoringError

    rng = np.random.default_rng(seed)
    if isinstance(metric.kind, PrecisionAtK):
        from mleprep.metrics.ranking import precision_at_k, read_relevant

        relevant = read_relevant(labels_file)
        users = relevant[task.id_column].astype(str)
        per_user = {
            u: precision_at_k(
                export,
                relevant[users == u],
                user_column=task.id_column,
                item_column=task.target,
                k=metric.kind.k,
            )
            for u in users.unique()
        }
        values = np.array(list(per_user.values()))
        return np.array(
            [values[rng.integers(0, len(values), len(values))].mean() for _ in range(BOOTSTRAP_ROUNDS)]
        )
    from sklearn.metrics import get_scorer

    from mleprep.metrics.replay import read_labels, replay_estimator

    estimator, X, y = replay_estimator(
        export, read_labels(labels_file, id_column=task.id_column, target=task.target)
    )
    groups = _clusters(labels_file)
    scorer = get_scorer(metric.scorer)
    out = []
    for _ in range(BOOTSTRAP_ROUNDS):
        if groups is None:
            rows = rng.integers(0, len(y), len(y))
        else:  # whole clusters: rows that share a day or a customer share their errors
            rows = np.concatenate([groups[i] for i in rng.integers(0, len(groups), len(groups))])
        try:
            out.append(float(scorer(estimator, X[rows], y[rows])))
        except ValueError:  # a resample with one class only: skip it
            continue
    if len(out) < BOOTSTRAP_ROUNDS // 2:
        raise ScoringError(
            f"{metric.scorer} could be computed on only {len(out)} of {BOOTSTRAP_ROUNDS} resamples of the "
            "holdout: it is too small or too unbalanced to measure its sampling error"
        )
    return np.array(out)


def nice_step(span: float) -> float:
    """A round number about a tenth of the span's order of magnitude (0.01 for AUCs, 1000 for dollars)."""
    span = abs(span) or 1.0
    return 10.0 ** (math.floor(math.log10(span)) - 1)


def _down(value: float, step: float) -> float:
    return round(math.floor(value / step + 1e-9) * step, 10)


def _up(value: float, step: float) -> float:
    return round(math.ceil(value / step - 1e-9) * step, 10)


def propose(*, reference: list[float], dummy: list[float], sd: float, estimate_gaps: list[float]) -> Proposal:
    """Bands from the reference's and the dummy's holdout scores (several seeds each), the bootstrap
    standard deviation of the reference's score, and the honest estimates' gaps to the holdout."""
    warnings = []
    low, high = min(reference), max(dummy)
    span = low - high
    step = nice_step(span)
    if span <= 4 * sd:
        warnings.append(
            f"the reference ({low:.4g}) is within {span / sd if sd else 0:.1f} standard deviations of the "
            f"dummy ({high:.4g}): the holdout is too small or the task too hard to grade on quality"
        )
    threshold = _down(max(low - PASS_MARGIN_SD * sd, high + 0.6 * span), step)
    bands = []
    for credit, position in BAND_SHARES:
        at_least = _down(high + position * (threshold - high), step)
        if at_least < threshold and (not bands or at_least < bands[-1].at_least) and at_least > high:
            bands.append(Band(at_least, credit))
    gap = max(estimate_gaps, default=0.0)
    raw_tolerance = max(TOLERANCE_SD * sd, 1.5 * gap)
    tolerance = _up(raw_tolerance, nice_step(raw_tolerance) if raw_tolerance else step)
    if gap > TOLERANCE_SD * sd:
        warnings.append(
            f"the reference's own estimate misses the holdout by {gap:.4g}, more than sampling error "
            f"({TOLERANCE_SD:g} sd = {TOLERANCE_SD * sd:.4g}): the training data and the holdout differ "
            "(drift?); the tolerance covers it"
        )
    return Proposal(threshold, tuple(bands), tolerance, tuple(warnings))


def spread_warnings(
    metric: Metric, *, reference: list[float] | None, dummy: list[float], name: str = "the dummy baseline"
) -> list[str]:
    """A threshold an honest solution misses by luck, or a dummy reaches by luck, is a flaky grade.

    `dummy` is any model that must earn nothing (`name` says which); `reference` None skips its check.
    """
    warnings = []
    if reference is not None and min(reference) < metric.pass_threshold:
        warnings.append(
            f"with some seeds the reference scores {metric.shown(min(reference))}, below full marks "
            f"({metric.shown(metric.pass_threshold)}): lower pass_threshold"
        )
    lowest = metric.partial_credit[-1].at_least if metric.partial_credit else metric.pass_threshold
    if max(dummy) >= lowest:
        warnings.append(
            f"{name} scores {metric.shown(max(dummy))}, which earns credit "
            f"(from {metric.shown(lowest)}): raise the lowest band"
        )
    return warnings
