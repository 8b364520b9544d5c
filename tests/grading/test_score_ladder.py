"""Does the feedback say where a holdout score stands among the calibration ladder's models?"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from mleprep.course.spec import Metric
from mleprep.grading.score_ladder import LadderEntry, ladder_plot, place, read_ladder

AUC = Metric("roc_auc", 0.82)
MAE = Metric("neg_mean_absolute_error", -0.9)
LADDER = [
    LadderEntry("dummy baseline (the verify baseline)", "baseline", 0.5),
    LadderEntry("one feature: tenure", "rung", 0.74),
    LadderEntry("random forest, defaults", "rung", 0.825),
    LadderEntry("reference", "reference", 0.85),
]


def _write(
    folder: Path, ladder: list[LadderEntry], metric: str = "roc_auc", check: str = "holdout_quality"
) -> None:
    rungs = [
        {"name": e.name, "role": e.role, "holdout": e.value, "earns_credit": True} for e in reversed(ladder)
    ]
    (folder / "ladder.json").write_text(json.dumps({"metric": metric, "check": check, "rungs": rungs}))


def test_a_score_between_two_models_names_both_and_the_reference():
    placed = place(LADDER, 0.80, AUC)
    assert (placed.just_worse, placed.just_better) == ("one feature: tenure", "random forest, defaults")
    assert placed.text == (
        "Your holdout roc auc, 0.8000, is better than one feature: tenure (0.7400) and worse than "
        "random forest, defaults (0.8250). The reference solution scored 0.8500."
    )


def test_a_score_worse_than_the_dummy_says_to_look_for_a_bug_first():
    placed = place(LADDER, 0.42, AUC)
    assert placed.just_worse is None and "worse than the dummy baseline (0.5000)" in placed.text
    assert "Look for a bug before tuning" in placed.text


def test_a_score_at_the_reference_is_at_the_top():
    placed = place(LADDER, 0.85, AUC)
    assert placed.just_better is None and "the reference solution (0.8500) included" in placed.text


def test_a_model_that_beats_the_reference_is_named_without_the_reference_twice():
    ladder = [LadderEntry("dummy", "baseline", 0.5), LadderEntry("reference", "reference", 0.74)]
    ladder.append(LadderEntry("random forest", "rung", 0.78))
    placed = place(ladder, 0.76, AUC)
    assert placed.text.count("reference") == 1 and "worse than random forest (0.7800)" in placed.text


def test_an_error_reads_as_people_read_errors_lower_being_better():
    ladder = [
        LadderEntry("dummy", "baseline", -7.8),
        LadderEntry("ridge", "rung", -1.2),
        LadderEntry("reference", "reference", -0.62),
    ]
    placed = place(ladder, -0.9, MAE)
    assert (placed.just_worse, placed.just_better) == ("ridge", "reference")
    assert placed.text == (
        "Your holdout mean absolute error, 0.9000, is better than ridge (1.2000) "
        "and worse than the reference solution (0.6200)."
    )


def test_the_ladder_is_read_only_for_its_own_check_and_metric_and_never_from_a_broken_file(tmp_path: Path):
    assert read_ladder(tmp_path, check_id="holdout_quality", metric=AUC) is None
    for broken in ("{not json", "[1, 2]", '{"check": "holdout_quality", "metric": "roc_auc"}'):
        (tmp_path / "ladder.json").write_text(broken)
        assert read_ladder(tmp_path, check_id="holdout_quality", metric=AUC) is None, broken
    _write(tmp_path, LADDER)
    assert read_ladder(tmp_path, check_id="other_check", metric=AUC) is None
    assert read_ladder(tmp_path, check_id="holdout_quality", metric=Metric("average_precision", 0.5)) is None
    assert read_ladder(tmp_path, check_id="holdout_quality", metric=AUC) == LADDER  # worst first


def test_every_calibrated_take_home_ships_its_ladder_with_the_release():
    repo = Path(__file__).resolve().parents[2]
    from mleprep.course.root import Course

    course = Course(repo)
    shipped = 0
    for assignment in course.assignments():
        check = next((c for c in assignment.checks if c.kind == "holdout"), None)
        if check is None or assignment.metric is None:
            continue
        for folder in (course.source_dir / assignment.id, course.release_dir / assignment.id):
            ladder = read_ladder(folder, check_id=check.id, metric=assignment.metric)
            assert ladder and {e.role for e in ladder} >= {"baseline", "reference"}, folder
        shipped += 1
    assert shipped >= 8


def test_the_plot_draws_an_error_as_a_positive_length_with_the_candidate_in_red(tmp_path: Path):
    ladder = [LadderEntry("dummy", "baseline", -7.8), LadderEntry("reference", "reference", -0.62)]
    path = ladder_plot(ladder, -0.9, MAE, tmp_path / "ladder.png")
    pixels = np.asarray(Image.open(path).convert("RGB")).astype(int)
    red = (
        (abs(pixels[..., 0] - 0xD1) < 8) & (abs(pixels[..., 1] - 0x24) < 8) & (abs(pixels[..., 2] - 0x2F) < 8)
    )
    grey = (abs(pixels - 0x77) < 6).all(axis=-1)
    # Both bars grow rightwards from the same axis: the dummy's error (7.8) is far longer than yours (0.9).
    assert red.sum() > 200 and grey.sum() > 5 * red.sum()
