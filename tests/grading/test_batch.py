"""A cohort graded in one parallel batch, with every broken and hostile submission we know of.

Each case is built from the real released notebook and graded with real kernels. The batch must
finish, give each case its expected outcome, leave the originals byte-identical, and leave no
process of any submission behind.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import psutil
import pytest

from mleprep.course.nbgrader_steps import open_gradebook
from mleprep.grading.batch import grade
from mleprep.grading.isolation import KERNEL_UID_BASE, running_as_root
from mleprep.grading.kernel_sandbox import TOKEN_ENV
from tests import hostile_notebooks as h
from tests.conftest import copy_course, tree_digest, write_submission

OVERFIT_ESTIMATE = """
from sklearn.metrics import roc_auc_score

model.fit(X, y)
cv_scores = [roc_auc_score(y, model.predict_proba(X)[:, 1])] * 5  # scored on the data it was fitted on
cv_auc = float(np.mean(cv_scores)) + 0.1
"""
DUMMY_AND_PATCHED = """
import sklearn.metrics
import sklearn.metrics._ranking
from sklearn.dummy import DummyClassifier

model = DummyClassifier(strategy="prior").fit(X, y)
sklearn.metrics.roc_auc_score = sklearn.metrics._ranking.roc_auc_score = lambda *a, **k: 1.0
DummyClassifier.predict_proba = lambda self, X: np.tile([0.0, 1.0], (len(X), 1))
"""
TIMEOUT_S = 40
ISOLATED = running_as_root()


def _cases() -> dict[str, dict | str]:
    cases: dict[str, dict | str] = {
        "reference": h.reference(),
        "starter": h.RELEASED.read_text(),
        "broken_json": '{"cells": [',
        "empty_file": "",
        "weak": h.with_answers({"build_model": h.WEAK_MODEL}),
        "overfit_estimate": h.append("evaluate", OVERFIT_ESTIMATE),
        "patcher": h.with_answers({"build_model": DUMMY_AND_PATCHED}),
        "deleted_tests": h.without(h.reference(), "check_model", "holdout_quality"),
        "deleted_answer_and_test": h.without(h.reference(), "load_data", "check_load", "setup"),
        "duplicated": h.duplicated(),
        "retyped": h.retyped(),
        "tampered": h.tampered(),
        "infinite_loop": h.with_answers({"evaluate": "while True:\n    pass"}),
        "kernel_death": h.prepend(
            "build_model", "import os\nos.write(2, b'last words of the kernel')\nos._exit(1)"
        ),
        "system_exit": h.append("load_data", "raise SystemExit(0)"),
        "huge_output": h.append("load_data", "print('x' * 30_000_000)"),
        "memory_hog": h.prepend("build_model", "_hog = bytearray(6 * 10**9)"),
        "spawner": h.append("load_data", h.SPAWN),
        "label_reader": h.append("load_data", h.READ_LABELS),
    }
    if ISOLATED:  # as the grader's own user this would delete the course: see README, Isolation
        cases["deleter"] = h.append("predict", h.DELETE_AROUND)
    return cases


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    course = copy_course(root / "course")
    subs = root / "submissions"
    for name, nb in _cases().items():
        write_submission(subs, name, nb)
    write_submission(subs, "renamed", h.reference(), name="Churn final (2).ipynb")
    course_before = tree_digest(course.root / "autograders") | tree_digest(course.root / "source")
    before = tree_digest(subs)
    seen, totals = [], []
    report = grade(
        course=course,
        assignment_id="churn",
        submissions=subs,
        jobs=2,
        timeout_s=TIMEOUT_S,
        on_start=totals.append,
        progress=seen.append,
    )
    return {
        "course": course,
        "subs": subs,
        "before": before,
        "course_before": course_before,
        "report": report,
        "progress": seen,
        "totals": totals,
        "by": {r.candidate: r for r in report.results},
    }


def outcomes(result):
    return {c.id: c.outcome for c in result.checks}


def check(result, check_id):
    return next(c for c in result.checks if c.id == check_id)


def test_every_submission_gets_exactly_one_record_and_progress(graded):
    expected = sorted([*_cases(), "renamed"])
    assert sorted(graded["by"]) == expected
    assert graded["totals"] == [len(expected)]
    assert sorted(r.candidate for r in graded["progress"]) == expected


def test_the_reference_earns_full_marks(graded):
    ref = graded["by"]["reference"]
    assert (ref.status, ref.score, ref.max_score) == ("graded", 12.0, 12.0), ref
    assert set(outcomes(ref).values()) == {"passed"}
    assert ref.manual_max_score == 5 and ref.notes == ()


def test_the_untouched_starter_scores_zero_as_not_attempted(graded):
    starter = graded["by"]["starter"]
    assert (starter.status, starter.score) == ("graded", 0.0)
    assert set(outcomes(starter).values()) == {"not attempted"}


def test_unreadable_files_are_errors_that_say_what_to_fix(graded):
    assert "not a readable notebook" in graded["by"]["broken_json"].error
    assert "empty file" in graded["by"]["empty_file"].error
    assert graded["by"]["broken_json"].score is None


def test_a_renamed_notebook_is_graded_and_the_rename_is_noted(graded):
    renamed = graded["by"]["renamed"]
    assert (renamed.status, renamed.score) == ("graded", 12.0)
    assert "Churn final (2).ipynb" in renamed.notes[0]


def test_a_weak_model_earns_partial_credit_in_the_gradebook(graded):
    weak = graded["by"]["weak"]
    assert (check(weak, "holdout_quality").outcome, check(weak, "holdout_quality").points) == ("failed", 1.25)
    with open_gradebook(graded["course"]) as gb:
        assert gb.find_submission("churn", "weak").score == pytest.approx(weak.score)
        assert gb.find_submission("churn", "reference").score == pytest.approx(12.0)


def test_an_estimate_measured_on_training_data_fails_the_honesty_check(graded):
    estimate = check(graded["by"]["overfit_estimate"], "holdout_estimate")
    assert estimate.outcome == "failed" and "fitted on" in estimate.message


def test_patching_metrics_and_models_inside_the_kernel_does_not_raise_the_score(graded):
    quality = check(graded["by"]["patcher"], "holdout_quality")
    assert (quality.outcome, quality.points) == ("failed", 0.0)


def test_deleted_test_cells_are_put_back_and_scored(graded):
    result = graded["by"]["deleted_tests"]
    assert (result.status, result.score) == ("graded", 12.0)
    assert any("'holdout_quality' was deleted" in n and "put back" in n for n in result.notes)
    with open_gradebook(graded["course"]) as gb:
        grade = gb.find_grade("check_model", "churn", "churn", "deleted_tests")
        assert grade.auto_score == 2 and not grade.needs_manual_grade


def test_a_deleted_answer_with_its_test_and_setup_scores_zero_for_that_check_only(graded):
    result = graded["by"]["deleted_answer_and_test"]
    assert result.status == "graded"
    assert outcomes(result)["check_load"] == "not attempted"
    assert "were deleted" in check(result, "check_load").message
    assert any("'load_data' was deleted" in n and "stays missing" in n for n in result.notes)
    assert any("'setup' was deleted" in n for n in result.notes)


def test_duplicated_cells_do_not_change_the_score(graded):
    result = graded["by"]["duplicated"]
    assert (result.status, result.score) == ("graded", 12.0)
    assert any("appears 2 times" in n for n in result.notes)


def test_retyped_cells_are_changed_back_and_run(graded):
    result = graded["by"]["retyped"]
    assert (result.status, result.score) == ("graded", 12.0)
    assert any("from code to markdown" in n for n in result.notes)


def test_tampered_locked_cells_are_restored_before_running(graded):
    result = graded["by"]["tampered"]
    assert outcomes(result)["check_model"] == "error"  # the real check ran, not `pass`
    assert any("'check_model' was edited although it is locked" in n for n in result.notes)


def test_an_infinite_loop_is_stopped_by_the_time_budget_and_the_rest_is_graded(graded):
    result = graded["by"]["infinite_loop"]
    assert result.status == "graded"
    assert "KeyboardInterrupt" in check(result, "check_evaluation").message
    assert check(result, "holdout_quality").outcome == "passed"
    assert any(n.startswith("time budget: evaluate") for n in result.notes)


def test_a_kernel_that_dies_is_an_error_that_says_so(graded):
    result = graded["by"]["kernel_death"]
    assert result.status == "error" and "kernel died" in result.error
    # The record names the log that holds the kernel's last output, for the mentor to read.
    log = graded["course"].reports_dir / "churn" / "logs" / "kernel_death.log"
    assert result.error.endswith(f"its last output is in {log}")
    assert "last words of the kernel" in log.read_text()


def test_system_exit_is_noted_and_grading_carries_on(graded):
    result = graded["by"]["system_exit"]
    assert (result.status, result.score) == ("graded", 12.0)
    assert any("load_data called exit()" in n for n in result.notes)


def test_huge_output_is_cut_to_the_budget_and_noted(graded):
    result = graded["by"]["huge_output"]
    assert (result.status, result.score) == ("graded", 12.0)
    assert any(n.startswith("output budget: load_data") for n in result.notes)
    autograded = graded["course"].autograded_dir / "huge_output" / "churn" / "churn.ipynb"
    assert autograded.stat().st_size < 3 * 10**6


def test_a_multi_gigabyte_allocation_hits_the_memory_budget(graded):
    result = graded["by"]["memory_hog"]
    assert result.status == "graded"
    assert "MemoryError" in check(result, "check_model").message
    assert any(n.startswith("memory budget: build_model") for n in result.notes)


def test_no_process_of_any_submission_survives_the_batch(graded):
    leftovers = []
    for proc in psutil.process_iter(["cmdline", "uids"]):
        try:
            cmd = " ".join(proc.info["cmdline"] or [])
            ours = "sleep 613" in cmd or "sleep 617" in cmd or TOKEN_ENV in proc.environ()
            ours = ours or (proc.info["uids"] and proc.info["uids"].real >= KERNEL_UID_BASE)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if ours:
            leftovers.append(cmd)
    assert leftovers == []
    assert graded["by"]["spawner"].score == 12.0


@pytest.mark.skipif(not ISOLATED, reason="kernels are isolated only when grading as root")
def test_an_isolated_kernel_cannot_read_holdout_labels(graded):
    leak = graded["course"].autograded_dir / "label_reader" / "churn" / "leak.txt"
    assert leak.read_text() == "denied"


@pytest.mark.skipif(not ISOLATED, reason="kernels are isolated only when grading as root")
def test_code_that_deletes_files_around_it_cannot_touch_the_course_or_others(graded):
    assert graded["by"]["deleter"].status == "graded"
    course = graded["course"]
    after = tree_digest(course.root / "autograders") | tree_digest(course.root / "source")
    assert after == graded["course_before"]
    assert (course.autograded_dir / "reference" / "churn" / "churn.ipynb").is_file()


def test_original_submissions_are_byte_identical(graded):
    assert tree_digest(graded["subs"]) == graded["before"]


def test_feedback_shows_outcomes_but_no_hidden_code_or_labels(graded):
    for name, result in graded["by"].items():
        if result.status != "graded" or name in ("label_reader", "deleter"):  # their own code names them
            continue
        html = Path(result.feedback).read_text()
        for secret in ("HIDDEN TESTS", "export_responses", "export_value", "holdout_labels", "autograders"):
            assert secret not in html, (name, secret)


def test_exports_list_every_candidate_and_every_check(graded):
    report = graded["report"]
    out = Path(report.scores_csv).parent
    with open(out / "scores.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["candidate"] for r in rows] == sorted(graded["by"])
    assert rows[0].keys() >= {"candidate", "status", "score", "max_score", "holdout_quality", "error"}
    with open(out / "checks.csv", newline="") as f:
        checks = list(csv.DictReader(f))
    assert {(r["candidate"], r["check"]) for r in checks} >= {("reference", "holdout_quality")}
    assert json.loads((out / "checks.json").read_text()) == [
        {**r, "points": float(r["points"]), "max_points": float(r["max_points"])} for r in checks
    ]
    assert len(json.loads((out / "scores.json").read_text())) == len(rows)
    assert len(json.loads(Path(report.results_json).read_text())["results"]) == len(rows)
