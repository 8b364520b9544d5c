"""Does the feedback page show the score, each check's outcome, the time used, lateness and the plots?"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest

from mleprep.attempts.feedback_page import write_attempt_feedback
from mleprep.course.attempt_record import Attempt
from mleprep.course.root import Course
from mleprep.grading.results import CheckResult, SubmissionResult
from tests.conftest import REPO

STARTED = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
CHECKS = (
    CheckResult("check_load", "Data loaded and cleaned", "visible", "passed", 1.0, 1.0, "passed."),
    CheckResult(
        "check_model", "A fitted pipeline", "visible", "failed", 0.0, 2.0, "AssertionError: <no Pipeline>"
    ),
    CheckResult("holdout_quality", "ROC AUC", "holdout", "not attempted", 0.0, 5.0, "not attempted: stub."),
)


class Page(HTMLParser):
    """The page's table rows (as lists of cell texts), the classes of its rows, images and links."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.row_classes: list[str | None] = []
        self.images: list[dict] = []
        self.links: list[str] = []
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.rows.append([])
            self.row_classes.append(attrs.get("class"))
        elif tag == "td":
            self._cell = []
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "a":
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def value(self, label: str) -> str:
        return next(row[1] for row in self.rows if row and row[0] == label)


@pytest.fixture(scope="module")
def churn():
    return Course(REPO).assignment("churn")


def attempt(tmp_path) -> Attempt:
    deadline = STARTED + timedelta(hours=4)
    submitted = deadline + timedelta(minutes=20)
    return Attempt("churn", "churn.ipynb", STARTED, deadline, 4 * 3600, tmp_path, submitted)


def late_result(**changes) -> SubmissionResult:
    fields = dict(
        candidate="ada",
        status="graded",
        score=0.4,
        max_score=12.0,
        checks=CHECKS,
        notes=("the test cell 'check_model' was deleted from the notebook; it was put back by the grader.",),
        manual_max_score=5.0,
        raw_score=1.0,
        penalty=0.6,
        late_s=1200.0,
        time_used_s=4 * 3600 + 1200.0,
    )
    return SubmissionResult(**{**fields, **changes})


def write(tmp_path, churn, result, plots=(), notebook_html=None) -> Page:
    out = tmp_path / "feedback"
    out.mkdir(exist_ok=True)
    path = write_attempt_feedback(
        out / "index.html",
        assignment=churn,
        attempt=attempt(tmp_path),
        result=result,
        plots=list(plots),
        notebook_html=notebook_html,
    )
    assert path == out / "index.html"
    return Page(path.read_text(encoding="utf-8"))


def test_the_page_shows_the_score_before_and_after_the_late_penalty(tmp_path, churn):
    page = write(tmp_path, churn, late_result())
    assert page.value("Autograded score") == "1 / 12"
    assert page.value("Late penalty") == "0.6"
    assert page.value("Score") == "0.4 / 12"
    assert page.value("Graded by a mentor") == "5 more points for the written parts"


def test_the_page_shows_time_used_the_limit_and_lateness(tmp_path, churn):
    page = write(tmp_path, churn, late_result())
    assert page.value("Time used") == "4h 20m"
    assert page.value("Time limit") == "4h 00m"
    assert page.value("Late by") == "20m 00s"
    assert page.value("Late policy") == churn.late_policy.describe()
    assert "5%" in page.value("Late policy")


def test_an_on_time_attempt_without_a_clock_reads_on_time_and_unknown(tmp_path, churn):
    page = write(tmp_path, churn, late_result(late_s=0.0, time_used_s=None, penalty=0.0, score=1.0))
    assert (page.value("Late by"), page.value("Time used")) == ("on time", "unknown")


def test_every_check_has_its_outcome_points_and_message(tmp_path, churn):
    page = write(tmp_path, churn, late_result())
    check_rows = [row for row in page.rows if len(row) == 4]
    assert check_rows == [
        ["Data loaded and cleaned", "passed", "1 / 1", "passed."],
        ["A fitted pipeline", "failed", "0 / 2", "AssertionError: <no Pipeline>"],
        ["ROC AUC", "not attempted", "0 / 5", "not attempted: stub."],
    ]
    assert page.row_classes[-3:] == ["passed", "failed", "not-attempted"]


def test_messages_are_escaped_not_rendered(tmp_path, churn):
    write(tmp_path, churn, late_result())
    text = (tmp_path / "feedback" / "index.html").read_text()
    assert "&lt;no Pipeline&gt;" in text and "<no Pipeline>" not in text


def test_notes_plots_and_the_notebook_link_appear(tmp_path, churn):
    out = tmp_path / "feedback"
    plots = [out / "roc_curve.png", out / "confusion_matrix.png"]
    page = write(tmp_path, churn, late_result(), plots=plots, notebook_html=out / "churn.html")
    assert [(i["src"], i["alt"]) for i in page.images] == [
        ("roc_curve.png", "roc curve"),
        ("confusion_matrix.png", "confusion matrix"),
    ]
    assert page.links == ["churn.html"]
    text = (out / "index.html").read_text()
    assert "the test cell &#x27;check_model&#x27; was deleted" in text


def test_a_page_without_plots_or_notebook_has_no_images_or_links(tmp_path, churn):
    page = write(tmp_path, churn, late_result(notes=()))
    assert (page.images, page.links) == ([], [])
    assert "<h2>Notes</h2>" not in (tmp_path / "feedback" / "index.html").read_text()


def test_a_submission_that_could_not_be_graded_says_why(tmp_path, churn):
    failed = SubmissionResult.failure("ada", churn, "churn.ipynb is not a readable notebook", seconds=1.0)
    page = write(tmp_path, churn, failed)
    assert page.value("Could not grade") == "churn.ipynb is not a readable notebook"
    assert not any(row and row[0] == "Autograded score" for row in page.rows)


def test_the_result_is_written_beside_the_page_as_json(tmp_path, churn):
    result = late_result()
    write(tmp_path, churn, result)
    saved = json.loads((tmp_path / "feedback" / "result.json").read_text())
    assert SubmissionResult.from_json(saved) == result
