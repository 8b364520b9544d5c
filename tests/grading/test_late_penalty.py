"""Does grading read a submission's attempt record safely and price lateness by the assignment's policy?"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from nbgrader.utils import parse_utc

from mleprep.course.attempt_record import Attempt, write_attempt
from mleprep.course.late_policy import LatePolicy
from mleprep.course.root import Course
from mleprep.grading.late_penalty import (
    TIMESTAMP_FILE,
    AttemptLatePenalty,
    submitted_attempt,
    write_timestamp,
)
from tests.conftest import REPO

STARTED = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def churn():
    return Course(REPO).assignment("churn")


def attempt(folder, *, assignment="churn", submitted_at=STARTED + timedelta(hours=4, minutes=20)) -> Attempt:
    return Attempt(
        assignment=assignment,
        notebook="churn.ipynb",
        started_at=STARTED,
        deadline=STARTED + timedelta(hours=4),
        time_limit_s=4 * 3600,
        folder=folder,
        submitted_at=submitted_at,
    )


def test_a_submission_without_a_record_has_no_attempt_and_no_note(tmp_path, churn):
    assert submitted_attempt(tmp_path, churn) == (None, None)


def test_a_submitted_record_is_read_back(tmp_path, churn):
    record = attempt(tmp_path)
    write_attempt(record)
    assert submitted_attempt(tmp_path, churn) == (record, None)


def test_a_damaged_record_is_ignored_with_a_note(tmp_path, churn):
    (tmp_path / "attempt.json").write_text(json.dumps({"assignment": "churn", "started_at": "soon"}))
    found, note = submitted_attempt(tmp_path, churn)
    assert found is None
    assert note.startswith("attempt.json ignored, no late policy applied: ")
    assert "attempt.json" in note.split(": ", 1)[1]  # names the file, as read_attempt words it


def test_a_record_for_another_assignment_is_ignored_with_a_note(tmp_path, churn):
    write_attempt(attempt(tmp_path, assignment="fraud"))
    assert submitted_attempt(tmp_path, churn) == (
        None,
        "attempt.json is for 'fraud', not 'churn': no late policy applied",
    )


def test_a_record_without_a_submission_time_leaves_lateness_unknown(tmp_path, churn):
    write_attempt(attempt(tmp_path, submitted_at=None))
    found, note = submitted_attempt(tmp_path, churn)
    assert found is None
    assert note == (
        "attempt.json has no submission time (not submitted with `mleprep submit`): lateness unknown"
    )


def test_the_timestamp_is_written_in_nbgraders_format_and_in_utc(tmp_path):
    local = timezone(timedelta(hours=2))
    moment = datetime(2024, 5, 1, 15, 20, 7, 123456, tzinfo=local)
    write_timestamp(tmp_path, attempt(tmp_path, submitted_at=moment))
    text = (tmp_path / TIMESTAMP_FILE).read_text()
    assert text == "2024-05-01 13:20:07.123456 UTC"
    assert parse_utc(text) == moment.astimezone(UTC).replace(tzinfo=None)  # nbgrader reads naive UTC


def test_the_plugin_applies_the_assignments_late_policy(churn):
    # churn: 5 minutes of grace, then 5% of the 12 points per started 10 minutes, zero after an hour.
    plugin = AttemptLatePenalty(policy=churn.late_policy, max_score=churn.auto_points)
    assert plugin.late_submission_penalty("ada", 10.0, 4 * 60) == 0.0
    assert plugin.late_submission_penalty("ada", 10.0, 20 * 60) == pytest.approx(2 * 0.05 * 12)
    assert plugin.late_submission_penalty("ada", 10.0, 61 * 60) == 10.0


def test_the_policys_fraction_is_of_the_plugins_max_score():
    policy = LatePolicy(per_s=600, deduct=0.1)
    assert AttemptLatePenalty(policy=policy, max_score=20.0).late_submission_penalty("a", 15.0, 60) == 2.0
    assert AttemptLatePenalty(policy=policy, max_score=5.0).late_submission_penalty("a", 15.0, 60) == 0.5


def test_without_a_policy_the_plugin_falls_back_to_nbgraders_penalty_method():
    assert AttemptLatePenalty().late_submission_penalty("ada", 7.0, 3600) is None  # 'none'
    zero = AttemptLatePenalty(penalty_method="zero")
    assert zero.late_submission_penalty("ada", 7.0, 3600) == 7.0
