"""Does collecting take each candidate's submission the clock service stamped last, with the service's
attempt record rather than the one the candidate wrote?"""

from __future__ import annotations

import json
import os
import pwd
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mleprep.cohort import delivery
from mleprep.cohort.attempt_store import AttemptStore
from mleprep.cohort.clock_sweep import STAMPED_DIR
from mleprep.cohort.delivery import COLLECTED_DIR, _graded_attempt, collect
from mleprep.cohort.exchange_files import TIMESTAMP_FORMAT, ExchangeCourse, snapshot
from mleprep.cohort.roster import add_candidates
from mleprep.course.attempt_record import read_attempt
from tests.conftest import REPO

NOBODY = pwd.getpwuid(65534).pw_name
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
FAR = datetime(2099, 1, 1, tzinfo=UTC)

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="changing files' owners needs root")


@pytest.fixture
def course(scratch_course):
    add_candidates(course=scratch_course, names=[NOBODY])
    return scratch_course


@pytest.fixture
def exchange(tmp_path) -> ExchangeCourse:
    ex = ExchangeCourse(tmp_path / "exchange", "mleprep")
    ex.inbound.mkdir(parents=True)
    return ex


@pytest.fixture
def store(course):
    store = AttemptStore(course.db_url())
    yield store
    store.close()


def hand_in(course, exchange, candidate: str, name_time: datetime, marker: str) -> str:
    """A submission as the candidate's nbgrader writes it, with its own (untrusted) attempt.json."""
    notebook = course.assignment("churn").notebook
    timestamp = name_time.strftime(TIMESTAMP_FORMAT)
    name = f"{candidate}+churn+{timestamp}+{marker}"
    folder = exchange.inbound / name
    folder.mkdir()
    shutil.copy2(course.release_dir / "churn" / notebook, folder / notebook)
    (folder / "timestamp.txt").write_text(timestamp)
    (folder / "submission_secret.txt").write_text(f"secret-{marker}")
    (folder / "marker.txt").write_text(marker)
    claimed = {
        "assignment": "churn",
        "notebook": notebook,
        "started_at": FAR.isoformat(),
        "deadline": (FAR + timedelta(days=1)).isoformat(),
        "time_limit_s": 10**9,
        "submitted_at": name_time.isoformat(),
    }
    (folder / "attempt.json").write_text(json.dumps(claimed))
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, 65534, 65534)
    return name


def stamped_copy(course, name: str) -> Path:
    return course.root / STAMPED_DIR / "churn" / name


def stamp(course, exchange, store, name: str, at: datetime) -> None:
    """What the clock service does on first seeing a submission, at a time of the test's choosing."""
    snapshot(exchange.inbound / name, stamped_copy(course, name))
    store.stamp(candidate=name.split("+")[0], assignment="churn", exchange_name=name, at=at)


def collected_folder(course) -> Path:
    return course.root / COLLECTED_DIR / "churn" / NOBODY


def test_collect_takes_the_last_stamped_submission_not_the_latest_named(course, exchange, store):
    limit = course.assignment("churn").time_limit_s
    store.release(assignment="churn", time_limit_s=limit, now=T0 - 10 * MINUTE)
    store.start(candidate=NOBODY, assignment="churn", now=T0)
    named_late = hand_in(course, exchange, NOBODY, T0 + 50 * MINUTE, "named-late")
    named_early = hand_in(course, exchange, NOBODY, T0 + 30 * MINUTE, "named-early")
    stamp(course, exchange, store, named_late, T0 + 40 * MINUTE)
    stamp(course, exchange, store, named_early, T0 + 45 * MINUTE)

    result = collect(course=course, assignment_id="churn", now=T0 + HOUR, exchange_root=exchange.root)

    assert result.problems == []
    folder = collected_folder(course)
    assert (folder / "marker.txt").read_text() == "named-early"
    assert (folder / "timestamp.txt").read_text() == (T0 + 30 * MINUTE).strftime(TIMESTAMP_FORMAT)
    assert (folder / course.assignment("churn").notebook).is_file()
    record = read_attempt(folder)
    assert record.started_at == T0
    assert record.deadline == T0 + timedelta(seconds=limit)
    assert record.time_limit_s == limit
    assert record.submitted_at == T0 + 45 * MINUTE
    assert (
        json.loads((folder / "attempt.json").read_text())["deadline"] != (FAR + timedelta(days=1)).isoformat()
    )
    [row] = result.candidates
    assert row == {
        "candidate": NOBODY,
        "submitted_at": (T0 + 45 * MINUTE).isoformat(timespec="seconds"),
        "late_s": 0.0,
        "submitted_by_service": False,
        "note": None,
    }
    assert result.to_json()["folder"] == str(course.root / COLLECTED_DIR / "churn")


def test_collect_stamps_what_the_service_missed_and_keeps_the_deadline_from_the_store(
    course, exchange, store
):
    store.release(assignment="churn", time_limit_s=3600, now=T0 - 10 * MINUTE)
    store.start(candidate=NOBODY, assignment="churn", now=T0)
    store.extend(candidate=NOBODY, assignment="churn", seconds=600)
    name = hand_in(course, exchange, NOBODY, T0, "unseen")
    now = datetime.now(UTC)

    result = collect(course=course, assignment_id="churn", now=now, exchange_root=exchange.root)

    stamp = store.submission(name)
    assert stamp is not None and stamp.submitted_at > T0 + HOUR  # written now, not at its name's time
    assert (stamped_copy(course, name) / "marker.txt").read_text() == "unseen"
    assert (exchange.inbound / name).lstat().st_uid == 65534  # the author's entry is left as it was
    record = read_attempt(collected_folder(course))
    assert record.deadline == T0 + HOUR + 10 * MINUTE
    assert record.submitted_at == stamp.submitted_at.replace(microsecond=0)  # attempt.json keeps seconds
    [row] = result.candidates
    assert row["late_s"] == pytest.approx((stamp.submitted_at - record.deadline).total_seconds(), abs=1)


def test_a_submission_with_no_recorded_start_is_measured_from_the_release(course, exchange, store):
    limit = course.assignment("churn").time_limit_s
    store.release(assignment="churn", time_limit_s=limit, now=T0)
    name = hand_in(course, exchange, NOBODY, T0 + HOUR, "nostart")
    stamp(course, exchange, store, name, T0 + HOUR)

    result = collect(course=course, assignment_id="churn", now=T0 + 2 * HOUR, exchange_root=exchange.root)

    [row] = result.candidates
    assert row["note"] == "no start recorded by the clock service: time measured from the release"
    record = read_attempt(collected_folder(course))
    assert record.started_at == T0
    assert record.deadline == T0 + timedelta(seconds=limit)
    assert record.submitted_at == T0 + HOUR


def test_a_stamped_submission_whose_stamped_copy_is_missing_is_a_problem(course, exchange, store):
    store.release(assignment="churn", time_limit_s=3600, now=T0)
    store.start(candidate=NOBODY, assignment="churn", now=T0)
    name = f"{NOBODY}+churn+whenever+gone"
    store.stamp(candidate=NOBODY, assignment="churn", exchange_name=name, at=T0 + MINUTE)

    result = collect(course=course, assignment_id="churn", now=T0 + HOUR, exchange_root=exchange.root)

    assert result.candidates == []
    assert result.problems == [f"{NOBODY}: the stamped copy of {name} is missing"]
    assert not collected_folder(course).exists()


def test_a_submission_under_someone_elses_name_is_not_collected(course, exchange, store):
    add_candidates(course=course, names=["alice"])
    store.release(assignment="churn", time_limit_s=3600, now=T0)
    forged = hand_in(course, exchange, "alice", T0, "forged")  # owned by nobody, named for alice

    result = collect(course=course, assignment_id="churn", now=T0 + HOUR, exchange_root=exchange.root)

    assert result.candidates == []
    assert result.problems == [f"{forged}: written by {NOBODY}, not alice"]
    assert not (course.root / COLLECTED_DIR / "churn" / "alice").exists()


def test_collecting_again_replaces_the_collected_folder(course, exchange, store):
    store.release(assignment="churn", time_limit_s=3600, now=T0)
    store.start(candidate=NOBODY, assignment="churn", now=T0)
    first = hand_in(course, exchange, NOBODY, T0, "first")
    stamp(course, exchange, store, first, T0 + MINUTE)
    collect(course=course, assignment_id="churn", now=T0 + HOUR, exchange_root=exchange.root)
    (collected_folder(course) / "mentor-note.txt").write_text("left over")
    second = hand_in(course, exchange, NOBODY, T0, "second")
    stamp(course, exchange, store, second, T0 + 2 * MINUTE)

    collect(course=course, assignment_id="churn", now=T0 + HOUR, exchange_root=exchange.root)

    folder = collected_folder(course)
    assert (folder / "marker.txt").read_text() == "second"
    assert not (folder / "mentor-note.txt").exists()
    assert [p.name for p in folder.parent.iterdir()] == [NOBODY]  # no .partial left behind


def test_what_is_collected_is_the_stamped_copy_whatever_the_author_does_later(course, exchange, store):
    store.release(assignment="churn", time_limit_s=3600, now=T0)
    name = hand_in(course, exchange, NOBODY, T0, "as-handed-in")
    first = collect(course=course, assignment_id="churn", now=T0 + HOUR, exchange_root=exchange.root)
    assert [row["candidate"] for row in first.candidates] == [NOBODY]
    notebook = course.assignment("churn").notebook
    handed_in = (exchange.inbound / name / notebook).read_bytes()
    # The entry stays its author's to write: they (as root here) rewrite it after it was stamped.
    (exchange.inbound / name / "marker.txt").write_text("rewritten after the stamp")
    (exchange.inbound / name / notebook).write_text('{"cells": ["better answers"]}')
    (exchange.inbound / name / "added.txt").write_text("new")

    result = collect(course=course, assignment_id="churn", now=T0 + HOUR, exchange_root=exchange.root)

    assert result.problems == []
    folder = collected_folder(course)
    assert (folder / "marker.txt").read_text() == "as-handed-in"
    assert (folder / notebook).read_bytes() == handed_in
    assert not (folder / "added.txt").exists()
    shutil.rmtree(exchange.inbound / name)  # and even gone from the exchange, it is still collected
    again = collect(course=course, assignment_id="churn", now=T0 + HOUR, exchange_root=exchange.root)
    assert again.problems == [] and (collected_folder(course) / "marker.txt").read_text() == "as-handed-in"


def test_graded_attempt_uses_the_windows_opening_when_it_is_later_than_the_release(tmp_path, store):
    store.release(assignment="churn", time_limit_s=3600, now=T0, opens=T0 + HOUR, closes=T0 + 90 * MINUTE)
    store.stamp(candidate="ada", assignment="churn", exchange_name="a+churn+t+r", at=T0 + 80 * MINUTE)
    attempt = store.attempt(candidate="ada", assignment="churn")

    record, note = _graded_attempt(attempt, "churn.ipynb", tmp_path)

    assert note is not None
    assert record.started_at == T0 + HOUR
    assert record.deadline == T0 + 90 * MINUTE  # still capped by the window's close
    assert record.submitted_at == T0 + 80 * MINUTE
    assert record.folder == tmp_path


def test_collect_sweeps_with_every_assignments_notebook(course, exchange, store, monkeypatch):
    # The round it runs first also submits for candidates out of time on other assignments.
    for top in ("source", "assignments", "autograders"):
        shutil.copytree(REPO / top / "spam", course.root / top / "spam")
    rounds = []
    real_sweep = delivery.sweep
    monkeypatch.setattr(delivery, "sweep", lambda **kw: rounds.append(kw["notebooks"]) or real_sweep(**kw))
    store.release(assignment="churn", time_limit_s=3600, now=T0)

    collect(course=course, assignment_id="churn", now=T0 + HOUR, exchange_root=exchange.root)

    assert rounds == [{"churn": "churn.ipynb", "spam": course.assignment("spam").notebook}]
