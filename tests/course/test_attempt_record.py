"""Does attempt.json keep the clock of an attempt exactly, and is a damaged one reported by file and key?"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from mleprep.core.errors import MleprepError
from mleprep.course.attempt_record import Attempt, AttemptError, read_attempt, write_attempt

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
LIMIT = 4 * 3600


def attempt(folder, **changes) -> Attempt:
    fields = {
        "assignment": "churn",
        "notebook": "churn.ipynb",
        "started_at": T0,
        "deadline": T0 + timedelta(seconds=LIMIT),
        "time_limit_s": LIMIT,
        "folder": folder,
    }
    return Attempt(**{**fields, **changes})


def record(folder, **changes) -> dict:
    data = attempt(folder).to_json()
    data.update(changes)
    (folder / "attempt.json").write_text(json.dumps(data))
    return data


def test_a_folder_without_a_record_has_no_attempt(tmp_path):
    assert read_attempt(tmp_path) is None
    assert read_attempt(tmp_path / "absent") is None


def test_an_attempt_round_trips_through_its_record(tmp_path):
    written = attempt(tmp_path)
    write_attempt(written)
    assert read_attempt(tmp_path) == written
    assert not list(tmp_path.glob("*.tmp")), "the temporary file is renamed into place"


def test_a_submitted_attempt_round_trips_with_its_submission_time(tmp_path):
    written = attempt(tmp_path, submitted_at=T0 + timedelta(hours=3, seconds=7))
    write_attempt(written)
    assert read_attempt(tmp_path).submitted_at == T0 + timedelta(hours=3, seconds=7)


def test_times_are_recorded_in_utc_to_the_second(tmp_path):
    paris = timezone(timedelta(hours=1))
    start = datetime(2026, 11, 23, 10, 0, 0, 999_000, tzinfo=paris)
    write_attempt(attempt(tmp_path, started_at=start))
    data = json.loads((tmp_path / "attempt.json").read_text())
    assert data["started_at"] == "2026-11-23T09:00:00+00:00"
    assert data["submitted_at"] is None
    assert read_attempt(tmp_path).started_at == T0


def test_writing_again_replaces_the_record(tmp_path):
    write_attempt(attempt(tmp_path))
    write_attempt(attempt(tmp_path, assignment="fraud", notebook="fraud.ipynb"))
    again = read_attempt(tmp_path)
    assert (again.assignment, again.notebook_path) == ("fraud", tmp_path / "fraud.ipynb")


def test_naive_times_are_read_as_utc(tmp_path):
    record(tmp_path, started_at="2026-11-23T09:00:00", deadline="2026-11-23T13:00:00")
    read = read_attempt(tmp_path)
    assert read.started_at == T0 and read.started_at.tzinfo is not None
    assert read.deadline == T0 + timedelta(hours=4)


def test_the_clock_runs_until_the_deadline_and_then_counts_lateness():
    a = attempt(None)
    assert a.remaining_s(T0 + timedelta(hours=1)) == 3 * 3600
    assert a.time_used_s(T0 + timedelta(hours=1)) == 3600
    assert a.late_s(T0 + timedelta(hours=1)) == 0.0
    assert a.remaining_s(T0 + timedelta(hours=4, minutes=20)) == -1200
    assert a.late_s(T0 + timedelta(hours=4, minutes=20)) == 1200


def test_the_clock_keeps_milliseconds():
    assert attempt(None).time_used_s(T0 + timedelta(seconds=1, microseconds=234_567)) == 1.235


def test_the_clock_is_frozen_at_submission(tmp_path):
    submitted = attempt(tmp_path, submitted_at=T0 + timedelta(hours=4, minutes=5))
    for now in (T0 + timedelta(hours=5), T0 + timedelta(days=3)):
        assert submitted.remaining_s(now) == -300
        assert submitted.time_used_s(now) == 4 * 3600 + 300
        assert submitted.late_s(now) == 300


def test_the_status_reports_the_remaining_time_and_the_workspace(tmp_path):
    folder = tmp_path / "churn"
    status = attempt(folder).status(T0 + timedelta(minutes=30))
    assert status["remaining_s"] == LIMIT - 1800
    assert status["workspace"] == str(tmp_path)
    assert status["notebook"] == str(folder / "churn.ipynb")
    assert (status["submitted"], status["submitted_at"]) == (False, None)


@pytest.mark.parametrize("text", ["{not json", "[1, 2]", '"attempt"'])
def test_a_record_that_is_not_a_json_object_names_the_file(tmp_path, text):
    (tmp_path / "attempt.json").write_text(text)
    with pytest.raises(AttemptError) as err:
        read_attempt(tmp_path)
    assert str(err.value).startswith(f"{tmp_path / 'attempt.json'}: the attempt record is damaged (")


@pytest.mark.parametrize("key", ["assignment", "notebook", "started_at", "deadline", "time_limit_s"])
def test_a_record_missing_a_key_names_the_file_and_the_key(tmp_path, key):
    data = record(tmp_path)
    del data[key]
    (tmp_path / "attempt.json").write_text(json.dumps(data))
    with pytest.raises(AttemptError) as err:
        read_attempt(tmp_path)
    assert str(err.value) == f"{tmp_path / 'attempt.json'}: key '{key}' is missing"


@pytest.mark.parametrize("key", ["started_at", "deadline", "submitted_at"])
def test_a_bad_time_names_the_file_and_the_key(tmp_path, key):
    record(tmp_path, **{key: "tomorrow morning"})
    with pytest.raises(AttemptError) as err:
        read_attempt(tmp_path)
    assert str(err.value) == (
        f"{tmp_path / 'attempt.json'}: key '{key}': 'tomorrow morning' is not an ISO 8601 time"
    )


def test_a_bad_time_limit_names_the_file(tmp_path):
    record(tmp_path, time_limit_s="four hours")
    with pytest.raises(AttemptError, match=r"attempt\.json: the attempt record is damaged"):
        read_attempt(tmp_path)


def test_an_attempt_error_is_reported_to_a_person():
    assert issubclass(AttemptError, MleprepError) and issubclass(AttemptError, RuntimeError)
