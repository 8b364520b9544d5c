"""Does `submit` stop the clock, grade with the hidden checks, and charge lateness only when late?

Real grading: nbgrader autograde in a sandboxed kernel, holdout scored outside it, nbgrader's
late-submission plugin writing the penalty into the gradebook.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mleprep.attempts.clock import ATTEMPT_FILE, start_attempt
from mleprep.attempts.submit import submit_attempt
from mleprep.course.nbgrader_steps import open_gradebook
from mleprep.grading.batch import grade
from tests.conftest import copy_course, fill_answers, printed_by_fresh_python

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return copy_course(tmp_path_factory.mktemp("submit") / "course")


def _attempt(course, workspace: Path) -> Path:
    started = start_attempt(course=course, assignment_id="churn", workspace=workspace, now=T0)
    fill_answers(started.attempt.notebook_path)
    return started.attempt.folder


def _late_penalty_in_gradebook(course, candidate: str) -> float | None:
    with open_gradebook(course) as gb:
        return gb.find_submission_notebook("churn", "churn", candidate).late_submission_penalty


def test_an_on_time_submission_pays_no_penalty(course, tmp_path: Path) -> None:
    _attempt(course, tmp_path)
    report = submit_attempt(
        course=course,
        workspace=tmp_path,
        assignment_id="churn",
        now=T0 + timedelta(hours=3),
        candidate="ontime",
    )
    data = report.to_json()
    assert data["status"] == "graded", data
    assert (data["raw_score"], data["penalty"], data["score"], data["max_score"]) == (12.0, 0.0, 12.0, 12.0)
    assert (data["time_used_s"], data["late_s"]) == (3 * 3600, 0.0)
    assert [c["outcome"] for c in data["checks"]] == ["passed"] * 6
    assert _late_penalty_in_gradebook(course, "ontime") is None
    page = Path(data["feedback"]).read_text()
    assert "on time" in page and "12 / 12" in page
    assert {Path(p).name for p in data["plots"]} == {"roc_curve.png", "confusion_matrix.png", "ladder.png"}
    # The reference's answers land at the top of the calibration ladder, beside the reference itself.
    ladder = data["ladder"]
    assert ladder["value"] > 0.84 and ladder["just_better"] is None, ladder
    assert "as good as or better than every model of the ladder" in ladder["text"]
    assert "Where your score stands" in page and ladder["text"] in page
    assert all(Path(p).stat().st_size > 5000 for p in data["plots"])
    notebook_html = Path(data["notebook_feedback"]).read_text()
    assert "export_responses" not in notebook_html, "the hidden cells' source must not reach the candidate"
    # Beyond the score: the holdout in the retention team's terms, the reference's summary read line by
    # line (every line seen), and a code report with nothing to fix.
    business = data["business"]
    assert business["top_n"] == 300 and business["hits"] > 2 * business["at_random"], business
    assert business["text"] in page and "customers your model ranks highest" in business["text"]
    summary = data["writeup"]["summary"]
    assert [line["met"] for line in summary["lines"]] == [True] * 5, summary
    assert "reviewed automatically" in page
    code = data["code_report"]
    assert code["run_seconds"] > 0 and code["rerun"] is None, code
    assert [f for f in code["findings"] if f["kind"] != "lint"] == [], code["findings"]
    assert "notes on your code" in page


def test_a_late_submission_pays_the_policy_in_nbgraders_gradebook(course, tmp_path: Path) -> None:
    folder = _attempt(course, tmp_path)
    report = submit_attempt(
        course=course,
        workspace=tmp_path,
        assignment_id="churn",
        now=T0 + timedelta(hours=4, minutes=20),
        candidate="late",
    )
    data = report.to_json()
    # 20 min late, 5 min free, then 5% of 12 points per started 10 min: 2 periods, 1.2 points.
    assert (data["late_s"], data["raw_score"], data["penalty"], data["score"]) == (1200.0, 12.0, 1.2, 10.8)
    assert _late_penalty_in_gradebook(course, "late") == pytest.approx(1.2)
    with open_gradebook(course) as gb:
        timestamp = gb.find_submission("churn", "late").timestamp
    assert timestamp.replace(tzinfo=UTC) == T0 + timedelta(hours=4, minutes=20)
    assert any("1.2 points off" in n for n in data["notes"])
    assert "Late penalty" in Path(data["feedback"]).read_text()

    # Submitting again keeps the first submission time: waiting longer cannot change the penalty.
    again = submit_attempt(
        course=course,
        workspace=tmp_path,
        assignment_id="churn",
        now=T0 + timedelta(hours=9),
        candidate="late",
    )
    assert again.to_json()["penalty"] == 1.2

    # A mentor grading the same folder applies the same policy from its attempt.json.
    cohort = tmp_path / "cohort"
    shutil.copytree(folder, cohort / "mentor-late", ignore=shutil.ignore_patterns("feedback"))
    shutil.copytree(folder, cohort / "no-record", ignore=shutil.ignore_patterns("feedback", ATTEMPT_FILE))
    results = {
        r.candidate: r
        for r in grade(course=course, assignment_id="churn", submissions=cohort, jobs=2).results
    }
    assert (results["mentor-late"].penalty, results["mentor-late"].score) == (1.2, 10.8)
    assert (results["no-record"].penalty, results["no-record"].score, results["no-record"].late_s) == (
        0.0,
        12.0,
        None,
    )


def test_a_record_for_another_assignment_is_ignored_with_a_note(course, tmp_path: Path) -> None:
    folder = _attempt(course, tmp_path / "ws")
    record = folder / ATTEMPT_FILE
    record.write_text(record.read_text().replace('"assignment": "churn"', '"assignment": "fraud"'))
    (result,) = grade(course=course, assignment_id="churn", submissions=tmp_path / "ws", jobs=1).results
    assert result.penalty == 0.0
    assert any("attempt.json is for 'fraud'" in n for n in result.notes)


def test_a_second_submit_grades_the_first_submission_not_later_edits(course, tmp_path: Path) -> None:
    folder = _attempt(course, tmp_path)
    first = submit_attempt(
        course=course,
        workspace=tmp_path,
        assignment_id="churn",
        now=T0 + timedelta(hours=1),
        candidate="again",
    )
    assert first.result.score == 12.0
    # After the clock stopped, the candidate breaks the notebook (or "improves" it) and submits again.
    released = course.release_dir / "churn" / "churn.ipynb"
    shutil.copy2(released, folder / "churn.ipynb")
    second = submit_attempt(
        course=course,
        workspace=tmp_path,
        assignment_id="churn",
        now=T0 + timedelta(hours=2),
        candidate="again",
    )
    assert second.result.score == 12.0 and second.result.raw_score == 12.0
    assert any("graded the work as first submitted" in n for n in second.result.notes)
    # A candidate's own practice never lands in the course's cohort exports.
    cohort_scores = course.reports_dir / "churn" / "scores.csv"
    assert not cohort_scores.exists() or "again" not in cohort_scores.read_text()
    assert (folder / ".submission" / "reports" / "scores.csv").is_file()


POOR_SUMMARY = (
    "We trained a gradient boosted classifier with one-hot encoding and got a ROC AUC of 0.8472 in "
    "cross-validation. Month-to-month contracts cause churn. The model is very accurate, so in the end "
    "the team should move people to yearly contracts."
)
SEEDLESS_MODEL = """\
from sklearn.compose import make_column_selector, make_column_transformer
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

backup_copy = "/home/alice/Downloads/churn_train.csv"
preprocess = make_column_transformer(
    (SimpleImputer(strategy="median"), make_column_selector(dtype_include="number")),
    (OneHotEncoder(handle_unknown="ignore"), make_column_selector(dtype_exclude="number")),
)
model = make_pipeline(preprocess, RandomForestClassifier(n_estimators=60, min_samples_leaf=3))
model.fit(X, y)
"""


def _replace_answer(notebook: Path, grade_id: str, source: str) -> None:
    nb = json.loads(notebook.read_text())
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            cell["source"] = source
    notebook.write_text(json.dumps(nb, indent=1))


def test_feedback_reviews_a_poor_summary_and_seedless_code_with_a_hard_coded_path(
    course, tmp_path: Path
) -> None:
    folder = _attempt(course, tmp_path)
    _replace_answer(folder / "churn.ipynb", "summary", POOR_SUMMARY)
    _replace_answer(folder / "churn.ipynb", "build_model", SEEDLESS_MODEL)
    report = submit_attempt(
        course=course,
        workspace=tmp_path,
        assignment_id="churn",
        now=T0 + timedelta(hours=2),
        candidate="poor",
        rerun=True,
    )
    data = report.to_json()
    assert data["status"] == "graded", data
    lines = {line["line"]: line for line in data["writeup"]["summary"]["lines"]}
    assert not lines["recommendation_first"]["met"]
    assert not lines["audience_terms"]["met"] and "0.8472" in lines["audience_terms"]["evidence"]
    assert not lines["drivers_not_causes"]["met"] and "cause churn" in lines["drivers_not_causes"]["evidence"]
    assert not lines["limits_and_risks"]["met"]
    assert not lines["plain_writing"]["met"]

    findings = data["code_report"]["findings"]
    kinds = {(f["kind"], f["cell"]) for f in findings}
    assert ("seed", "build_model") in kinds and ("path", "build_model") in kinds, findings
    assert any("RandomForestClassifier" in f["message"] for f in findings if f["kind"] == "seed")
    assert any(
        "/home/alice/Downloads/churn_train.csv" in f["message"] for f in findings if f["kind"] == "path"
    )
    # The notebook really ran twice; an unseeded forest rarely gives the same ROC AUC twice.
    rerun = data["code_report"]["rerun"]
    assert rerun is not None and rerun["second"] is not None and rerun["metric"] == "roc auc", rerun

    page = Path(data["feedback"]).read_text()
    assert "cause churn" in page and "without random_state" in page and "/home/alice/Downloads" in page
    # The mentor starts from the same reading: it is nbgrader's comment on the summary cell.
    with open_gradebook(course) as gb:
        comment = gb.find_comment("summary", "churn", "churn", "poor").comment
    assert comment.startswith("summary (automatic review, 0 of 5 rubric lines seen)"), comment


def test_submit_starts_its_grading_workers_before_importing_a_database_library():
    # The workers' fork server takes 1.5 s to import nbgrader: every tenth of a second the command
    # spends importing before it starts the server is added to a candidate's wait.
    probe = (
        "import sys\n"
        "import mleprep.cli.main, mleprep.attempts.submit, mleprep.cohort.clock_client\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'nbgrader', 'nbformat'}))\n"
    )
    assert printed_by_fresh_python(probe) == "[]"
