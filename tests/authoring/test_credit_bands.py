"""Are the credit bands and the estimate tolerance derived from measurements the way the grading
needs: full marks an honest solution reaches, credit the dummy does not?"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from mleprep.authoring.credit_bands import bootstrap_values, nice_step, propose, spread_warnings
from mleprep.course.spec import Band, Metric, Task
from mleprep.handin import model_responses


def on_grid(value: float, step: float) -> bool:
    return math.isclose(value / step, round(value / step), abs_tol=1e-6)


def assert_ordered(proposal, *, reference: list[float], dummy: list[float], step: float) -> None:
    """Full marks between the dummy and the reference's worst seed, bands descending below them."""
    assert max(dummy) < proposal.pass_threshold < min(reference)
    previous = proposal.pass_threshold
    for band in proposal.bands:
        assert max(dummy) < band.at_least < previous
        assert 0 < band.credit < 1
        previous = band.at_least
    for value in [proposal.pass_threshold, *(b.at_least for b in proposal.bands)]:
        assert on_grid(value, step), value


@pytest.mark.parametrize(
    ("span", "step"), [(0.35, 0.01), (0.05, 0.001), (1.0, 0.1), (14.8, 1.0), (2500.0, 100.0), (0.0, 0.1)]
)
def test_nice_step_is_a_tenth_of_the_spans_order_of_magnitude(span, step):
    assert nice_step(span) == pytest.approx(step)


def test_full_marks_sit_below_the_references_worst_seed_and_above_the_dummy():
    reference, dummy = [0.851, 0.862, 0.855], [0.5, 0.5, 0.5]
    proposal = propose(reference=reference, dummy=dummy, sd=0.01, estimate_gaps=[0.005])
    assert_ordered(proposal, reference=reference, dummy=dummy, step=0.01)
    assert proposal.pass_threshold == pytest.approx(0.83)  # worst seed less 2 sd, rounded down
    assert [b.credit for b in proposal.bands] == [0.5, 0.25]
    assert proposal.tolerance == pytest.approx(0.03)  # 3 sd
    assert proposal.warnings == ()


def test_the_proposal_is_a_metric_that_loads_as_written():
    proposal = propose(reference=[0.85], dummy=[0.5], sd=0.01, estimate_gaps=[])
    metric = proposal.metric("roc_auc")
    assert metric.credit(0.85) == 1.0 and metric.credit(0.5) == 0.0
    assert metric.partial_credit == proposal.bands


def test_the_tolerance_covers_one_and_a_half_times_the_references_own_gap_when_larger():
    proposal = propose(reference=[0.85], dummy=[0.5], sd=0.01, estimate_gaps=[0.02, 0.05])
    assert proposal.tolerance >= 1.5 * 0.05 - 1e-12  # rounded up to the grid, float noise aside
    assert proposal.tolerance == pytest.approx(0.075)
    assert any("misses the holdout by 0.05" in w and "drift" in w for w in proposal.warnings)


def test_the_tolerance_is_three_sd_when_the_gap_is_small():
    proposal = propose(reference=[0.85], dummy=[0.5], sd=0.012, estimate_gaps=[0.01])
    assert proposal.tolerance == pytest.approx(0.036)
    assert not any("misses the holdout" in w for w in proposal.warnings)


def test_a_reference_within_four_sd_of_the_dummy_gives_a_warning():
    proposal = propose(reference=[0.53], dummy=[0.5], sd=0.01, estimate_gaps=[])
    assert any("within 3.0 standard deviations of the dummy" in w for w in proposal.warnings), proposal
    assert any("too small or the task too hard" in w for w in proposal.warnings)
    clear = propose(reference=[0.56], dummy=[0.5], sd=0.01, estimate_gaps=[])
    assert not any("standard deviations of the dummy" in w for w in clear.warnings)


def test_error_metrics_in_negated_units_get_bands_the_same_way():
    reference, dummy = [-5.0, -5.2, -5.1], [-20.0, -20.4]
    proposal = propose(reference=reference, dummy=dummy, sd=0.3, estimate_gaps=[0.2])
    assert_ordered(proposal, reference=reference, dummy=dummy, step=1.0)
    assert proposal.pass_threshold == pytest.approx(-6.0)
    assert proposal.bands == (Band(-10.0, 0.5), Band(-13.0, 0.25))
    metric = proposal.metric("neg_mean_absolute_error")
    assert metric.credit(-5.1) == 1.0 and metric.credit(-20.0) == 0.0 and metric.credit(-9.0) == 0.5


CHURN = Metric("roc_auc", 0.82, (Band(0.76, 0.5), Band(0.70, 0.25)))


def test_spread_warnings_warn_when_a_reference_seed_misses_full_marks():
    warnings = spread_warnings(CHURN, reference=[0.84, 0.81, 0.83], dummy=[0.5])
    assert len(warnings) == 1 and "0.81" in warnings[0] and "lower pass_threshold" in warnings[0]


def test_spread_warnings_warn_when_a_dummy_seed_earns_credit():
    warnings = spread_warnings(CHURN, reference=[0.85], dummy=[0.5, 0.71])
    assert len(warnings) == 1 and "0.71" in warnings[0] and "raise the lowest band" in warnings[0]


def test_spread_warnings_use_the_threshold_when_there_are_no_bands():
    metric = Metric("roc_auc", 0.8)
    assert spread_warnings(metric, reference=[0.85], dummy=[0.79]) == []
    assert len(spread_warnings(metric, reference=[0.85], dummy=[0.8])) == 1


def test_spread_warnings_are_quiet_when_seeds_land_where_they_should():
    assert spread_warnings(CHURN, reference=[0.83, 0.85], dummy=[0.5, 0.69]) == []


def test_bootstrap_values_on_a_real_export_spread_like_sampling_error(tmp_path):
    X, y = make_classification(n_samples=1400, n_features=8, n_informative=4, flip_y=0.1, random_state=0)
    model = LogisticRegression(max_iter=1000).fit(X[:1000], y[:1000])
    held, truth = X[1000:], y[1000:]
    ids = [f"H{n:04d}" for n in range(len(truth))]
    export = model_responses(model, held, ids)
    labels = tmp_path / "holdout_labels.csv"
    pd.DataFrame({"id": ids, "y": truth}).to_csv(labels, index=False)
    task, metric = Task("y", "id", "data/holdout_features.csv"), Metric("roc_auc", 0.8)

    values = bootstrap_values(export, labels, task=task, metric=metric, seed=0)

    auc = roc_auc_score(truth, model.predict_proba(held)[:, 1])
    assert len(values) > 250
    assert 0.005 < values.std() < 0.05
    assert values.mean() == pytest.approx(auc, abs=0.01)
    again = bootstrap_values(export, labels, task=task, metric=metric, seed=0)
    assert np.array_equal(values, again)


def test_rows_that_share_a_cluster_are_resampled_together(tmp_path):
    # 12 days x 40 stocks: each day's common move is most of the error, so rows are not independent.
    from sklearn.dummy import DummyRegressor

    rng = np.random.default_rng(0)
    days = np.repeat(np.arange(12), 40)
    truth = rng.normal(0, 1.5, 12)[days] + rng.normal(0, 0.5, len(days))
    ids = [f"R{n:04d}" for n in range(len(truth))]
    export = model_responses(
        DummyRegressor(constant=0.0, strategy="constant").fit([[0]], [0]), np.zeros((len(ids), 1)), ids
    )
    task, metric = Task("y", "id", "data/holdout_features.csv"), Metric("neg_root_mean_squared_error", -1.0)
    rows_only = tmp_path / "rows.csv"
    pd.DataFrame({"id": ids, "y": truth}).to_csv(rows_only, index=False)
    clustered = tmp_path / "clustered.csv"
    pd.DataFrame({"id": ids, "y": truth, "cluster": days}).to_csv(clustered, index=False)

    by_row = bootstrap_values(export, rows_only, task=task, metric=metric).std()
    by_day = bootstrap_values(export, clustered, task=task, metric=metric).std()
    assert by_day > 3 * by_row
