"""Does the feedback say where a holdout score stands among the calibration ladder's models?"""

from __future__ import annotations

import json
from pathlib import Path

from mleprep.attempts.score_ladder import Rung, ladder_plot, place, read_ladder
from mleprep.course.spec import Metric

AUC = Metric("roc_auc", 0.82)
MAE = Metric("neg_mean_absolute_error", -0.9)
LADDER = [
    Rung("dummy baseline (the verify baseline)", "baseline", 0.5),
    Rung("one feature: tenure", "rung", 0.74),
    Rung("random forest, defaults", "rung", 0.825),
    Rung("reference", "reference", 0.85),
]


def test_a_score_between_two_models_names_both_and_the_reference():
    placed = place(LADDER, 0.80, AUC)
    assert (placed["just_below"], placed["just_above"]) == ("one feature: tenure", "random forest, defaults")
    assert placed["text"] == (
        "Your holdout roc auc, 0.8000, is above one feature: tenure (0.7400) and below "
        "random forest, defaults (0.8250). The reference solution scored 0.8500."
    )


def test_a_score_below_the_dummy_says_to_look_for_a_bug_first():
    placed = place(LADDER, 0.42, AUC)
    assert placed["just_below"] is None and "below the dummy baseline (0.5000)" in placed["text"]
    assert "Look for a bug before tuning" in placed["text"]


def test_a_score_at_the_reference_is_at_the_top():
    placed = place(LADDER, 0.85, AUC)
    assert placed["just_above"] is None and "the reference solution (0.8500) included" in placed["text"]


def test_an_error_metric_is_shown_without_its_minus_sign_and_ordered_by_error():
    ladder = [
        Rung("dummy", "baseline", -7.8),
        Rung("ridge", "rung", -1.2),
        Rung("reference", "reference", -0.62),
    ]
    placed = place(ladder, -0.9, MAE)
    assert (placed["just_below"], placed["just_above"]) == ("ridge", "reference")
    assert "0.9000" in placed["text"] and "-" not in placed["shown"]


def test_the_ladder_is_read_only_for_its_own_check_and_never_from_a_broken_file(tmp_path: Path):
    assert read_ladder(tmp_path, "holdout_quality") is None
    (tmp_path / "ladder.json").write_text("{not json")
    assert read_ladder(tmp_path, "holdout_quality") is None
    rungs = [
        {"name": r.name, "role": r.role, "holdout": r.value, "earns_credit": True} for r in reversed(LADDER)
    ]
    (tmp_path / "ladder.json").write_text(
        json.dumps({"metric": "roc_auc", "check": "holdout_quality", "rungs": rungs})
    )
    assert read_ladder(tmp_path, "other_check") is None
    assert read_ladder(tmp_path, "holdout_quality") == LADDER  # lowest first


def test_the_churn_take_home_ships_its_ladder_with_the_release():
    repo = Path(__file__).resolve().parents[2]
    for folder in (repo / "source" / "churn", repo / "assignments" / "churn"):
        rungs = read_ladder(folder, "holdout_quality")
        assert rungs and rungs[0].role == "baseline" and rungs[-1].role == "reference", folder


def test_the_plot_marks_the_candidate_among_the_models(tmp_path: Path):
    path = ladder_plot(LADDER, 0.8, AUC, tmp_path / "ladder.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000
