"""Does what `mleprep calibrate` leaves behind (README section, plot, bands in assignment.toml)
replace only what it owns and keep the files usable?"""

from __future__ import annotations

import json
import shutil

import pytest

from mleprep.authoring.calibration import Calibration, Rung
from mleprep.authoring.calibration_report import (
    MARKER,
    calibration_markdown,
    ladder_plot,
    write_bands,
    write_ladder,
    write_readme_section,
)
from mleprep.authoring.credit_bands import Proposal
from mleprep.course.spec import Band, Check, Metric, load_assignment
from tests.conftest import REPO

METRIC = Metric("roc_auc", 0.82, (Band(0.76, 0.5), Band(0.70, 0.25)))
HOLDOUT = Check("holdout_quality", "ROC AUC on the hidden holdout labels", "holdout", 5.0)
ESTIMATE = Check(
    "holdout_estimate", "The estimate agrees", "estimate", 2.0, of="holdout_quality", tolerance=0.03
)


def calibration(bands: tuple[Band, ...] = (Band(0.74, 0.5), Band(0.66, 0.25)), tolerance: float = 0.04):
    rungs = [
        Rung("dummy baseline (the verify baseline)", "baseline", [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]),
        Rung("reference", "reference", [0.851, 0.855, 0.848], [0.845, 0.846, 0.842]),
        Rung("one feature", "rung", [0.74], [0.73]),
        Rung("broken rung", "rung", [], [], ["rung-1: it crashed"]),
    ]
    return Calibration(
        "churn", METRIC, HOLDOUT, ESTIMATE, rungs, 0.011, Proposal(0.83, bands, tolerance), ["look at this"]
    )


README = (
    "# Churn\n\nIntro text.\n\n"
    "## Calibration\nold numbers\n| old | table |\n\n"
    "## Data\nWhere it comes from.\n"
)


def test_calibration_markdown_lists_every_rung_best_first_with_points():
    text = calibration_markdown(calibration())
    assert text.startswith("## Calibration\n" + MARKER)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "model" not in line]
    assert [r.split(" | ")[0] for r in rows] == [
        "| **reference**",
        "| one feature",
        "| dummy baseline (the verify baseline)",
        "| broken rung",
    ]
    assert rows[0] == "| **reference** | 0.8443 (0.8420 to 0.8460) | 0.8513 (0.8480 to 0.8550) | 5 | 5 |"
    assert rows[1] == "| one feature | 0.7300 | 0.7400 | 1.25 | 2.5 |"  # 0.25 now, 0.5 with the proposal
    assert "could not be scored" in rows[3]
    assert "- **Warning**: look at this" in text
    assert "estimate tolerance 0.03" in text and "estimate tolerance 0.04" in text


def test_write_readme_section_replaces_only_the_calibration_section(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(README)
    section = calibration_markdown(calibration())
    write_readme_section(readme, section)
    text = readme.read_text()
    assert text.startswith("# Churn\n\nIntro text.\n\n## Calibration\n" + MARKER)
    assert text.endswith("\n\n## Data\nWhere it comes from.\n")
    assert "old numbers" not in text and "| old | table |" not in text
    assert text.count("## Calibration") == 1 and section.strip() in text


def test_write_readme_section_appends_it_when_missing(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Churn\n\nIntro text.\n")
    section = calibration_markdown(calibration())
    write_readme_section(readme, section)
    assert readme.read_text() == "# Churn\n\nIntro text.\n\n" + section.rstrip() + "\n"


def test_write_readme_section_creates_a_missing_readme(tmp_path):
    readme = tmp_path / "README.md"
    write_readme_section(readme, "## Calibration\nnumbers\n")
    assert readme.read_text() == "## Calibration\nnumbers\n"


@pytest.mark.parametrize("start", [README, "# Churn\n\nIntro text.\n", README.split("\n\n## Data")[0] + "\n"])
def test_write_readme_section_twice_gives_the_same_file(tmp_path, start):
    readme = tmp_path / "README.md"
    readme.write_text(start)
    section = calibration_markdown(calibration())
    write_readme_section(readme, section)
    once = readme.read_bytes()
    write_readme_section(readme, section)
    assert readme.read_bytes() == once


@pytest.fixture
def churn_source(tmp_path):
    folder = tmp_path / "source" / "churn"
    shutil.copytree(REPO / "source" / "churn", folder)
    return folder


def test_write_bands_changes_the_bands_and_tolerance_and_still_loads(churn_source):
    spec = churn_source / "assignment.toml"
    write_bands(spec, calibration())
    a = load_assignment(churn_source)
    assert a.metric.pass_threshold == 0.83
    assert a.metric.partial_credit == (Band(0.74, 0.5), Band(0.66, 0.25))
    assert a.check("holdout_estimate").tolerance == 0.04
    assert a.check("holdout_quality").points == 5 and len(a.checks) == 6 and a.manual
    assert "# Calibrated on the holdout (see README.md)" in spec.read_text()


def test_write_bands_keeps_every_comment_of_the_file(churn_source):
    spec = churn_source / "assignment.toml"
    comments = [line for line in spec.read_text().splitlines() if line.lstrip().startswith("#")]
    write_bands(spec, calibration())
    after = spec.read_text().splitlines()
    assert comments and [line for line in comments if line not in after] == []


def test_write_bands_without_bands_removes_partial_credit(churn_source):
    spec = churn_source / "assignment.toml"
    write_bands(spec, calibration(bands=(), tolerance=0.05))
    a = load_assignment(churn_source)
    assert a.metric.pass_threshold == 0.83 and a.metric.partial_credit == ()
    assert a.check("holdout_estimate").tolerance == 0.05
    assert "partial_credit" not in spec.read_text()


def test_write_bands_twice_gives_the_same_file(churn_source):
    spec = churn_source / "assignment.toml"
    write_bands(spec, calibration())
    once = spec.read_bytes()
    write_bands(spec, calibration())
    assert spec.read_bytes() == once


def test_ladder_plot_writes_a_png(tmp_path):
    path = ladder_plot(calibration(), tmp_path / "calibration.png")
    assert path == tmp_path / "calibration.png"
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and path.stat().st_size > 5000


def test_ladder_plot_of_an_error_metric_writes_a_png(tmp_path):
    cal = calibration()
    cal.metric = Metric("neg_mean_absolute_error", -6.0, (Band(-10.0, 0.5),))
    cal.rungs = [Rung("reference", "reference", [-5.0, -5.2], [5.1]), Rung("dummy", "baseline", [-20.0], [])]
    assert ladder_plot(cal, tmp_path / "mae.png").read_bytes().startswith(b"\x89PNG")


def test_the_ladder_is_written_as_data_the_feedback_can_place_a_score_on(tmp_path):
    from mleprep.grading.score_ladder import read_ladder

    cal = calibration()
    write_ladder(cal, tmp_path / "ladder.json")
    written = json.loads((tmp_path / "ladder.json").read_text())
    means = {r.name: sum(r.holdout) / len(r.holdout) for r in cal.rungs if r.holdout}
    assert {r["name"]: r["holdout"] for r in written["rungs"]} == pytest.approx(means)
    assert (written["metric"], written["check"]) == (cal.metric.scorer, cal.holdout_check.id)
    ladder = read_ladder(tmp_path, check_id=cal.holdout_check.id, metric=cal.metric)
    assert ladder is not None and {e.role for e in ladder} >= {"reference", "baseline"}
