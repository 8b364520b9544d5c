"""Does the cohort report give each candidate the right status, and count checks and failures right?"""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mleprep.cohort.attempt_store import CohortAttempt, Release, Submission
from mleprep.cohort.cohort_report import CohortReport, CohortRow, read_results, write_cohort_report
from mleprep.course.root import find_course
from mleprep.course.spec import Assignment
from mleprep.grading.results import CheckResult, GradeReport, SubmissionResult, write_reports

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
YESTERDAY = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
HOSTILE = "<script>alert(1)</script>"
ROSTER = ["ada", "bo", "cy", "dee", "eve", "fay", HOSTILE]
NO_CV = "AssertionError: no cross-validation"


@pytest.fixture(scope="module")
def churn() -> Assignment:
    return find_course(Path(__file__).resolve().parents[2]).assignment("churn")


def check(check_id: str, outcome: str, message: str = "") -> CheckResult:
    points = 1.0 if outcome == "passed" else 0.0
    return CheckResult(check_id, check_id.replace("_", " "), "visible", outcome, points, 1.0, message)


def attempt(
    release: Release, candidate: str, started: datetime | None, *submitted: datetime, by_service: bool = False
) -> CohortAttempt:
    subs = tuple(Submission(f"{candidate}+churn+{i}", at, by_service) for i, at in enumerate(submitted))
    return CohortAttempt(candidate, release, started, 0, subs)


def graded(candidate: str, score: float, *checks: CheckResult, **extra: float | None) -> SubmissionResult:
    return SubmissionResult(candidate, "graded", score, 12.0, checks=checks, **extra)


@pytest.fixture(scope="module")
def report(churn: Assignment, tmp_path_factory: pytest.TempPathFactory) -> CohortReport:
    release = Release("churn", churn.time_limit_s, None, None, YESTERDAY)
    hours = timedelta(hours=1)
    attempts = [
        attempt(release, "ada", YESTERDAY, YESTERDAY + 3 * hours),
        attempt(release, "bo", YESTERDAY, YESTERDAY + 5 * hours, by_service=True),
        attempt(release, "cy", NOW - 2 * hours),  # four-hour limit: two hours left
        attempt(release, "dee", YESTERDAY),
        attempt(release, "fay", YESTERDAY, YESTERDAY + 4.5 * hours),  # collected, not graded yet
        attempt(release, HOSTILE, YESTERDAY, YESTERDAY + hours),
        attempt(release, "zed", YESTERDAY, YESTERDAY + 2 * hours),
    ]
    results = [
        graded(
            "ada",
            9.0,
            check("check_load", "passed"),
            check("check_model", "passed"),
            check("check_evaluation", "failed", NO_CV),
            late_s=0.0,
            time_used_s=10_800.0,
        ),
        # No time_used_s: the report falls back on the clock's start and stamp.
        graded(
            "bo",
            4.0,
            check("check_load", "passed"),
            check("check_model", "failed", "AssertionError: no Pipeline"),
            check("check_evaluation", "failed", NO_CV),
            raw_score=5.0,
            penalty=1.0,
            late_s=3600.0,
        ),
        graded(
            "zed",
            11.0,
            check("check_load", "passed"),
            check("check_model", "passed"),
            check("check_evaluation", "passed"),
            check("holdout_estimate", "error", "KeyError: 'score'"),
        ),
        SubmissionResult(HOSTILE, "error", None, 12.0, error="the notebook is not JSON"),
    ]
    return write_cohort_report(
        assignment=churn,
        roster=ROSTER,
        attempts=attempts,
        results=results,
        out_dir=tmp_path_factory.mktemp("cohort"),
        now=NOW,
    )


def row(report: CohortReport, candidate: str) -> CohortRow:
    (found,) = [r for r in report.rows if r.candidate == candidate]
    return found


def test_roster_member_who_never_started_is_not_started(report: CohortReport) -> None:
    eve = row(report, "eve")
    assert (eve.status, eve.score, eve.time_used_s, eve.submitted_at) == (
        "not submitted (never started)",
        None,
        None,
        None,
    )


def test_started_past_the_deadline_without_submission_is_not_submitted(report: CohortReport) -> None:
    assert row(report, "dee").status == "not submitted"


def test_started_with_time_left_is_in_progress(report: CohortReport) -> None:
    assert row(report, "cy").status == "in progress"


def test_graded_candidate_has_score_and_the_results_times(report: CohortReport) -> None:
    ada = row(report, "ada")
    assert (ada.status, ada.score, ada.max_score) == ("graded", 9.0, 12.0)
    assert (ada.time_used_s, ada.late_s, ada.submitted_at) == (10_800.0, 0.0, "2026-03-01T11:00:00+00:00")


def test_time_used_falls_back_on_the_clock_when_the_result_lacks_it(report: CohortReport) -> None:
    bo = row(report, "bo")
    assert (bo.time_used_s, bo.late_s, bo.raw_score, bo.penalty) == (18_000.0, 3600.0, 5.0, 1.0)
    assert bo.submitted_by_service


def test_error_result_is_could_not_grade_without_a_score(report: CohortReport) -> None:
    assert (row(report, HOSTILE).status, row(report, HOSTILE).score) == ("could not grade", None)


def test_collected_but_ungraded_awaits_grading_with_times_from_the_clock(report: CohortReport) -> None:
    fay = row(report, "fay")
    assert (fay.status, fay.score) == ("awaiting grading", None)
    assert (fay.time_used_s, fay.late_s) == (16_200.0, 1800.0)


def test_roster_order_comes_first_then_anyone_else_who_submitted(report: CohortReport) -> None:
    assert [r.candidate for r in report.rows] == [*ROSTER, "zed"]
    assert row(report, "zed").status == "graded"


def test_pass_rate_is_the_share_of_graded_submissions_passing(report: CohortReport) -> None:
    # Graded: ada, bo, zed (the errored result does not count); checks nobody passed show 0.
    rates = report.check_pass_rates
    assert rates["check_load"] == 1.0
    assert rates["check_model"] == pytest.approx(2 / 3, abs=1e-4)
    assert rates["check_evaluation"] == pytest.approx(1 / 3, abs=1e-4)
    assert rates["holdout_quality"] == 0.0


def test_common_failures_count_messages_of_failed_and_errored_checks(report: CohortReport) -> None:
    assert report.common_failures == [
        (NO_CV, 2),
        ("AssertionError: no Pipeline", 1),
        ("KeyError: 'score'", 1),
    ]


def test_csv_has_one_row_per_candidate(report: CohortReport) -> None:
    with report.csv.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(report.rows) == len(ROSTER) + 1
    assert rows[0]["candidate"] == "ada" and rows[0]["status"] == "graded"


def test_html_lists_every_candidate_and_escapes_hostile_names(report: CohortReport) -> None:
    page = report.html.read_text(encoding="utf-8")
    for name in ["ada", "bo", "cy", "dee", "eve", "fay", "zed"]:
        assert f"<td>{name}</td>" in page
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "KeyError: &#x27;score&#x27;" in page


def test_plots_are_png_files_embedded_in_the_page(report: CohortReport) -> None:
    names = {p.name for p in report.plots}
    assert names == {"score_distribution.png", "check_pass_rates.png", "time_used.png"}
    page = report.html.read_text(encoding="utf-8")
    for plot in report.plots:
        assert plot.parent == report.html.parent
        assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.count('src="data:image/png;base64,') == 3


def test_to_json_is_plain_json_with_counts(report: CohortReport) -> None:
    data = json.loads(json.dumps(report.to_json()))
    assert data["counts"]["graded"] == 3 and data["counts"]["late"] == 2
    assert len(data["rows"]) == len(report.rows)


def test_a_cohort_nobody_started_still_gets_a_full_report(churn: Assignment, tmp_path: Path) -> None:
    report = write_cohort_report(
        assignment=churn, roster=["ada", "bo"], attempts=[], results=[], out_dir=tmp_path, now=NOW
    )
    assert [r.status for r in report.rows] == [
        "not submitted (never started)",
        "not submitted (never started)",
    ]
    assert report.check_pass_rates == {} and report.common_failures == []
    assert all(p.is_file() for p in report.plots) and len(report.plots) == 3


def test_read_results_of_a_missing_file_is_empty(tmp_path: Path) -> None:
    assert read_results(tmp_path / "results.json") == []


def test_read_results_reads_what_grading_wrote(churn: Assignment, tmp_path: Path) -> None:
    written = graded("ada", 9.0, check("check_load", "passed"), late_s=0.0)
    write_reports(GradeReport("churn", [written]), churn, tmp_path)
    assert read_results(tmp_path / "results.json") == [written]
