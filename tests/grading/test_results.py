"""Do result records survive JSON, and do the exports keep every candidate graded in the same folder?"""

from __future__ import annotations

import csv
import json

import pytest

from mleprep.course.root import Course
from mleprep.grading.results import CheckResult, GradeReport, SubmissionResult, write_reports
from tests.conftest import REPO


@pytest.fixture(scope="module")
def churn():
    return Course(REPO).assignment("churn")


def graded(candidate: str, *checks: CheckResult, score: float = 3.0) -> SubmissionResult:
    return SubmissionResult(
        candidate,
        "graded",
        score,
        17.0,
        checks=checks,
        feedback=f"feedback/{candidate}.html",
        notes=("the test cell 'check_model' was deleted",),
        manual_max_score=5.0,
        seconds=12.5,
        raw_score=score + 1,
        penalty=1.0,
        late_s=900.0,
        time_used_s=15_300.0,
    )


LOAD = CheckResult("check_load", "Data loaded", "visible", "passed", 1.0, 1.0, "passed.")
MODEL = CheckResult("check_model", "A pipeline", "visible", "failed", 0.0, 2.0, "AssertionError: no Pipeline")


def read_csv(path):
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_a_submission_result_round_trips_through_json():
    result = graded("ada", LOAD, MODEL)
    data = json.loads(json.dumps(result.to_json()))
    assert data["checks"][1]["message"] == "AssertionError: no Pipeline"
    assert SubmissionResult.from_json(data) == result


def test_a_failure_has_no_score_and_the_assignments_maxima(churn):
    failed = SubmissionResult.failure("bob", churn, "not a notebook", seconds=1.23456, notes=("n",))
    assert (failed.status, failed.score, failed.error, failed.notes) == (
        "error",
        None,
        "not a notebook",
        ("n",),
    )
    assert (
        (failed.max_score, failed.manual_max_score) == (churn.auto_points, churn.manual_points) == (12.0, 5.0)
    )
    assert failed.seconds == 1.23
    assert SubmissionResult.from_json(failed.to_json()) == failed


def test_reports_hold_a_column_per_check_and_a_row_per_check(tmp_path, churn):
    report = GradeReport("churn", [graded("ada", LOAD, MODEL)])
    write_reports(report, churn, tmp_path)
    (row,) = read_csv(tmp_path / "scores.csv")
    assert list(row)[-len(churn.checks) :] == [c.id for c in churn.checks]
    assert (row["candidate"], row["score"], row["check_load"], row["check_model"]) == (
        "ada",
        "3.0",
        "1.0",
        "0.0",
    )
    assert row["holdout_quality"] == ""  # a check the result does not have is left empty
    assert json.loads((tmp_path / "scores.json").read_text())[0]["holdout_quality"] is None
    checks = read_csv(tmp_path / "checks.csv")
    assert [(c["check"], c["outcome"], c["message"]) for c in checks] == [
        ("check_load", "passed", "passed."),
        ("check_model", "failed", "AssertionError: no Pipeline"),
    ]
    assert json.loads((tmp_path / "checks.json").read_text()) == [
        {"candidate": "ada", "check": c.id, "title": c.title, "kind": c.kind, "outcome": c.outcome,
         "points": c.points, "max_points": c.max_points, "message": c.message}
        for c in (LOAD, MODEL)
    ]  # fmt: skip
    assert report.scores_csv == str(tmp_path / "scores.csv")
    assert report.results_json == str(tmp_path / "results.json")


def test_regrading_one_candidate_keeps_the_others_rows(tmp_path, churn):
    write_reports(
        GradeReport("churn", [graded("ada", LOAD), graded("bob", MODEL, score=0.0)]), churn, tmp_path
    )
    regraded = graded("bob", LOAD, MODEL, score=1.0)
    write_reports(GradeReport("churn", [regraded]), churn, tmp_path)
    scores = read_csv(tmp_path / "scores.csv")
    assert [(r["candidate"], r["score"]) for r in scores] == [("ada", "3.0"), ("bob", "1.0")]
    checks = read_csv(tmp_path / "checks.csv")
    assert [(c["candidate"], c["check"]) for c in checks] == [
        ("ada", "check_load"),
        ("bob", "check_load"),
        ("bob", "check_model"),
    ]
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["assignment"] == "churn"
    everyone = [SubmissionResult.from_json(r) for r in results["results"]]
    assert everyone == [graded("ada", LOAD), regraded]


def test_an_unreadable_earlier_run_is_replaced_not_merged(tmp_path, churn):
    (tmp_path / "results.json").write_text("{not json")
    write_reports(GradeReport("churn", [graded("ada", LOAD)]), churn, tmp_path)
    assert [r["candidate"] for r in read_csv(tmp_path / "scores.csv")] == ["ada"]
