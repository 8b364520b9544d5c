"""Does the clock service's sweep see submissions for itself, trust no name or timestamp a
candidate wrote, and submit for those who ran out of time?"""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta

from mleprep.cohort.exchange_files import TIMESTAMP_FORMAT, content_time
from tests.cohort.conftest import NOBODY, OLD_NAME_TIME, ids_of, tree


def test_a_fetched_folder_in_the_home_does_not_start_the_clock(world):
    # Only the service starts an attempt, when it hands the assignment out: a folder a candidate
    # made (or copied from elsewhere) in their home is no start.
    world.saved_work()
    report = world.run()
    assert vars(report) == {k: [] for k in vars(report)}
    assert world.store.attempt(candidate=NOBODY, assignment="churn").started_at is None


def test_a_stamped_submission_is_copied_where_its_author_cannot_reach_it(world):
    folder = world.inbound_entry(NOBODY)
    (folder / "sub").mkdir()
    (folder / "sub" / "extra.txt").write_text("x")
    os.lchown(folder / "sub", *ids_of(NOBODY))
    os.lchown(folder / "sub" / "extra.txt", *ids_of(NOBODY))
    handed_in = tree(folder)
    report = world.run()
    assert report.stamped == [folder.name]
    copy = world.stamped_copy(folder.name)
    assert tree(copy) == handed_in
    assert stat.S_IMODE(world.stamped.lstat().st_mode) == 0o700
    for path in [copy, *copy.rglob("*")]:
        assert path.lstat().st_uid == 0, path
    assert folder.lstat().st_uid == ids_of(NOBODY)[0]  # the inbound entry is left as its author wrote it


def test_links_in_a_submission_are_not_followed_into_the_stamped_copy(world):
    folder = world.inbound_entry(NOBODY)
    (folder / "passwd").symlink_to("/etc/passwd")
    os.lchown(folder / "passwd", *ids_of(NOBODY))
    world.run()
    copy = world.stamped_copy(folder.name)
    assert (copy / world.notebook).is_file()
    assert not os.path.lexists(copy / "passwd")
    assert (folder / "passwd").is_symlink() and os.stat("/etc/passwd").st_uid == 0


def test_the_stamp_is_the_content_time_not_the_names_timestamp(world):
    folder = world.inbound_entry(NOBODY, at=OLD_NAME_TIME)
    written_at = content_time(folder)
    world.run()
    submission = world.store.submission(folder.name)
    assert submission.submitted_at == written_at
    assert submission.submitted_at != OLD_NAME_TIME
    assert submission.submitted_at > datetime.now(UTC) - timedelta(minutes=5)
    assert submission.by_service is False


def test_a_submission_under_someone_elses_name_is_refused_and_never_stamped(world):
    forged = world.inbound_entry("alice", owner=NOBODY)
    report = world.run()
    assert report.stamped == []
    assert report.refused == [f"{forged.name}: written by {NOBODY}, not alice"]
    assert world.store.submission(forged.name) is None
    assert not world.stamped_copy(forged.name).exists()
    again = world.run()
    assert again.stamped == [] and world.store.stamped_names() == set()


def test_a_submission_for_an_unreleased_assignment_is_left_alone(world):
    folder = world.exchange.inbound / f"{NOBODY}+other+{OLD_NAME_TIME:%Y}+r"
    folder.mkdir()
    os.chown(folder, *ids_of(NOBODY))
    report = world.run()
    assert report.stamped == [] and report.refused == []
    assert world.store.stamped_names() == set()


def test_an_expired_attempt_untouched_since_the_deadline_is_submitted_at_the_deadline(world):
    home = world.home(NOBODY)
    folder = world.saved_work()
    # The clock ran out a minute after the work was last changed; the service comes two hours later.
    deadline = content_time(folder) + timedelta(minutes=1)
    world.store.start(candidate=NOBODY, assignment="churn", now=deadline - timedelta(hours=4))
    now = deadline + timedelta(hours=2)
    report = world.run(now=now)
    assert report.problems == []
    [name] = report.submitted_by_service
    timestamp = now.strftime(TIMESTAMP_FORMAT)
    assert name.startswith(f"{NOBODY}+churn+{timestamp}+")

    entry = world.exchange.inbound / name
    assert (entry / world.notebook).read_text() == f'{{"cells": ["{NOBODY} answers"]}}'
    assert (entry / "data.csv").is_file()
    assert not (entry / ".ipynb_checkpoints").exists()
    assert (entry / "timestamp.txt").read_text() == timestamp
    secret = (entry / "submission_secret.txt").read_text()
    assert len(secret) == 128
    # Written by the candidate, as their own nbgrader would: the owner check of later rounds agrees.
    assert entry.lstat().st_uid == ids_of(NOBODY)[0] and entry.lstat().st_mode & 0o022 == 0
    assert tree(world.stamped_copy(name)) == tree(entry)

    cached = world.cache(NOBODY) / f"{NOBODY}+churn+{timestamp}"
    assert (cached / "timestamp.txt").read_text() == timestamp
    assert (cached / "submission_secret.txt").read_text() == secret
    assert (cached / world.notebook).is_file()
    for path in [home / ".local", *(home / ".local").rglob("*")]:
        assert path.lstat().st_uid == ids_of(NOBODY)[0], path  # the candidate's own nbgrader must use it

    submission = world.store.submission(name)
    assert submission.submitted_at == deadline
    assert submission.by_service is True
    state = world.store.attempt(candidate=NOBODY, assignment="churn").state(now)
    assert state["submitted_by_service"] is True and state["remaining_s"] == 0


def test_an_expired_attempt_with_nothing_saved_is_reported_not_raised(world):
    now = datetime.now(UTC)
    world.expire("bo", now=now)
    report = world.run(now=now)
    assert report.submitted_by_service == []
    assert report.problems == ["bo/churn: out of time, nothing saved to submit"]
    assert list(world.exchange.inbound.iterdir()) == []
    assert world.store.attempt(candidate="bo", assignment="churn").submissions == ()


def test_an_attempt_still_in_time_is_not_submitted(world):
    world.saved_work()
    now = datetime.now(UTC)
    world.store.start(candidate=NOBODY, assignment="churn", now=now - timedelta(hours=1))
    report = world.run(now=now)
    assert report.submitted_by_service == [] and report.problems == []
    assert list(world.exchange.inbound.iterdir()) == []


def test_an_expired_attempt_that_was_submitted_is_left_alone(world):
    world.saved_work()
    now = datetime.now(UTC)
    world.expire(NOBODY, now=now)
    folder = world.inbound_entry(NOBODY)
    report = world.run(now=now)
    assert report.stamped == [folder.name]
    assert report.submitted_by_service == []
    assert [e.name for e in world.exchange.inbound_entries()] == [folder.name]


def test_a_second_sweep_does_nothing_new(world):
    world.saved_work()
    world.inbound_entry(NOBODY)
    now = datetime.now(UTC)
    first = world.run(now=now)
    assert len(first.stamped) == 1 and first.problems == []
    attempt = world.store.attempt(candidate=NOBODY, assignment="churn")
    entries = sorted(p.name for p in world.exchange.inbound.iterdir())
    second = world.run(now=now + timedelta(seconds=5))
    assert vars(second) == {k: [] for k in vars(second)}
    assert sorted(p.name for p in world.exchange.inbound.iterdir()) == entries
    assert world.store.attempt(candidate=NOBODY, assignment="churn") == attempt


def test_a_second_sweep_after_a_service_submission_does_nothing_new(world):
    world.saved_work()
    now = datetime.now(UTC)
    world.expire(NOBODY, now=now)
    first = world.run(now=now)
    assert len(first.submitted_by_service) == 1
    second = world.run(now=now + timedelta(seconds=5))
    assert vars(second) == {k: [] for k in vars(second)}
    assert len(list(world.exchange.inbound.iterdir())) == 1
    assert len(world.store.attempt(candidate=NOBODY, assignment="churn").submissions) == 1
