"""Does the cohort's attempt store keep starts, deadlines, extensions and stamps as the clock promises,
on SQLite and on a real PostgreSQL server alike?"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from mleprep.cohort.attempt_store import METADATA, AttemptStore, CohortError
from tests.postgres_server import postgres_url_or_skip

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
FOUR_HOURS_S = 4 * 3600


@pytest.fixture(scope="module")
def postgres_url():
    yield from postgres_url_or_skip("the cohort's attempt store")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    store = AttemptStore(url)
    try:
        yield store
    finally:
        # One PostgreSQL database serves the whole module: every test starts from empty tables.
        METADATA.drop_all(store.engine)
        store.close()


def released(store: AttemptStore, **window) -> AttemptStore:
    store.release(assignment="churn", time_limit_s=FOUR_HOURS_S, now=T0 - HOUR, **window)
    return store


def test_deadline_is_the_start_plus_the_time_limit(store):
    attempt = released(store).start(candidate="ada", assignment="churn", now=T0)
    assert attempt.started_at == T0
    assert attempt.deadline == T0 + 4 * HOUR
    assert attempt.deadline.tzinfo is not None


def test_the_windows_close_caps_the_deadline(store):
    released(store, closes=T0 + 2 * HOUR)
    attempt = store.start(candidate="ada", assignment="churn", now=T0)
    assert attempt.deadline == T0 + 2 * HOUR
    assert attempt.state(T0)["remaining_s"] == 2 * 3600


def test_an_extension_adds_to_the_deadline(store):
    released(store)
    store.start(candidate="ada", assignment="churn", now=T0)
    attempt = store.extend(candidate="ada", assignment="churn", seconds=900)
    assert attempt.extension_s == 900
    assert attempt.deadline == T0 + 4 * HOUR + timedelta(seconds=900)


def test_an_extension_is_added_after_the_windows_close_caps_the_deadline(store):
    released(store, closes=T0 + 2 * HOUR)
    store.start(candidate="ada", assignment="churn", now=T0)
    attempt = store.extend(candidate="ada", assignment="churn", seconds=600)
    assert attempt.deadline == T0 + 2 * HOUR + timedelta(seconds=600)


def test_starting_twice_keeps_the_first_start(store):
    released(store)
    store.start(candidate="ada", assignment="churn", now=T0)
    again = store.start(candidate="ada", assignment="churn", now=T0 + HOUR)
    assert again.started_at == T0
    assert again.deadline == T0 + 4 * HOUR
    assert store.attempt(candidate="ada", assignment="churn").started_at == T0


def test_starting_before_the_window_opens_is_refused_with_the_opening_time(store):
    released(store, opens=T0 + HOUR)
    with pytest.raises(CohortError, match="opens at 2026-03-02 10:00"):
        store.start(candidate="ada", assignment="churn", now=T0)
    assert store.attempt(candidate="ada", assignment="churn").started_at is None


def test_starting_after_the_window_closes_is_refused_with_the_closing_time(store):
    released(store, closes=T0)
    with pytest.raises(CohortError, match="closed at 2026-03-02 09:00"):
        store.start(candidate="ada", assignment="churn", now=T0)
    with pytest.raises(CohortError, match="closed at 2026-03-02 09:00"):
        store.start(candidate="ada", assignment="churn", now=T0 + HOUR)
    assert store.attempt(candidate="ada", assignment="churn").started_at is None


def test_starting_inside_the_window_is_allowed(store):
    released(store, opens=T0 - HOUR, closes=T0 + HOUR)
    assert store.start(candidate="ada", assignment="churn", now=T0).started_at == T0


def test_an_extension_before_the_start_applies_once_started(store):
    released(store)
    before = store.extend(candidate="ada", assignment="churn", seconds=1800)
    assert before.started_at is None and before.deadline is None
    assert before.extension_s == 1800
    attempt = store.start(candidate="ada", assignment="churn", now=T0)
    assert attempt.deadline == T0 + 4 * HOUR + timedelta(seconds=1800)


def test_a_negative_extension_never_takes_more_than_was_given(store):
    released(store)
    store.start(candidate="ada", assignment="churn", now=T0)
    store.extend(candidate="ada", assignment="churn", seconds=600)
    attempt = store.extend(candidate="ada", assignment="churn", seconds=-3600)
    assert attempt.extension_s == 0
    assert attempt.deadline == T0 + 4 * HOUR


def test_stamping_the_same_exchange_name_twice_keeps_the_first_time(store):
    released(store)
    name = "ada+churn+2026-03-02 10:00:00.000000 UTC+abc"
    assert store.stamp(candidate="ada", assignment="churn", exchange_name=name, at=T0 + HOUR)
    assert not store.stamp(
        candidate="ada", assignment="churn", exchange_name=name, at=T0 + 3 * HOUR, by_service=True
    )
    submission = store.submission(name)
    assert submission.submitted_at == T0 + HOUR
    assert submission.by_service is False
    assert store.stamped_names() == {name}
    assert len(store.attempt(candidate="ada", assignment="churn").submissions) == 1


def test_remaining_time_is_frozen_at_the_last_submission(store):
    released(store)
    store.start(candidate="ada", assignment="churn", now=T0)
    store.stamp(candidate="ada", assignment="churn", exchange_name="ada+churn+1+a", at=T0 + HOUR)
    store.stamp(candidate="ada", assignment="churn", exchange_name="ada+churn+2+b", at=T0 + 3 * HOUR)
    attempt = store.attempt(candidate="ada", assignment="churn")
    assert attempt.last_submission.exchange_name == "ada+churn+2+b"
    for now in (T0 + 3 * HOUR, T0 + 10 * HOUR, T0 + 100 * HOUR):
        state = attempt.state(now)
        assert state["remaining_s"] == 3600
        assert state["submitted"] is True
        assert state["submitted_at"] == (T0 + 3 * HOUR).isoformat(timespec="seconds")
        assert state["submitted_by_service"] is False


def test_remaining_time_runs_down_until_a_submission(store):
    released(store)
    attempt = store.start(candidate="ada", assignment="churn", now=T0)
    assert attempt.state(T0 + HOUR)["remaining_s"] == 3 * 3600
    assert attempt.state(T0 + 5 * HOUR)["remaining_s"] == -3600
    assert attempt.state(T0 + HOUR)["submitted"] is False


def test_a_service_submission_is_shown_as_such(store):
    released(store)
    store.start(candidate="ada", assignment="churn", now=T0)
    store.stamp(
        candidate="ada", assignment="churn", exchange_name="ada+churn+x+y", at=T0 + 4 * HOUR, by_service=True
    )
    state = store.attempt(candidate="ada", assignment="churn").state(T0 + 5 * HOUR)
    assert state["submitted_by_service"] is True
    assert state["remaining_s"] == 0


def test_an_unreleased_assignment_names_the_release_command(store):
    with pytest.raises(CohortError, match="mleprep cohort release churn"):
        store.get_release("churn")
    with pytest.raises(CohortError, match="mleprep cohort release churn"):
        store.start(candidate="ada", assignment="churn", now=T0)
    with pytest.raises(CohortError, match="mleprep cohort release churn"):
        store.extend(candidate="ada", assignment="churn", seconds=60)
    with pytest.raises(CohortError, match="mleprep cohort release churn"):
        store.attempt(candidate="ada", assignment="churn")


def test_a_window_closing_before_it_opens_is_refused(store):
    with pytest.raises(CohortError, match="before it opens"):
        store.release(assignment="churn", time_limit_s=60, now=T0, opens=T0 + HOUR, closes=T0)


def test_releasing_again_updates_the_window_and_keeps_the_release_time_and_starts(store):
    released(store)
    store.start(candidate="ada", assignment="churn", now=T0)
    again = store.release(
        assignment="churn", time_limit_s=3600, now=T0 + 5 * HOUR, closes=T0 + 30 * timedelta(minutes=1)
    )
    assert again.released_at == T0 - HOUR
    assert again.time_limit_s == 3600
    attempt = store.attempt(candidate="ada", assignment="churn")
    assert attempt.started_at == T0
    assert attempt.deadline == T0 + timedelta(minutes=30)


def test_attempts_lists_everyone_who_started_was_extended_or_submitted(store):
    released(store)
    store.start(candidate="cy", assignment="churn", now=T0)
    store.extend(candidate="bo", assignment="churn", seconds=60)
    store.stamp(candidate="ada", assignment="churn", exchange_name="ada+churn+t+r", at=T0)
    assert [a.candidate for a in store.attempts(assignment="churn")] == ["ada", "bo", "cy"]
    assert [r.assignment for r in store.releases()] == ["churn"]


def test_times_read_back_as_utc_whatever_zone_they_were_given_in(store):
    from zoneinfo import ZoneInfo

    released(store)
    paris = T0.astimezone(ZoneInfo("Europe/Paris"))
    attempt = store.start(candidate="ada", assignment="churn", now=paris)
    assert attempt.started_at == T0
    assert attempt.started_at.utcoffset() == timedelta(0)


def test_releasing_again_without_a_close_keeps_the_close(store):
    released(store, opens=T0 - HOUR, closes=T0 + 2 * HOUR)
    again = store.release(assignment="churn", time_limit_s=3600, now=T0)
    assert (again.opens, again.closes) == (T0 - HOUR, T0 + 2 * HOUR)
    assert again.time_limit_s == 3600


def test_releasing_again_without_a_limit_keeps_the_limit(store):
    released(store)
    again = store.release(assignment="churn", time_limit_s=None, now=T0, closes=T0 + HOUR)
    assert again.time_limit_s == FOUR_HOURS_S
    assert again.closes == T0 + HOUR
    assert store.release(assignment="churn", time_limit_s=None, now=T0) == again


def test_a_first_release_without_a_limit_is_refused(store):
    with pytest.raises(CohortError, match="churn: a first release needs its time limit"):
        store.release(assignment="churn", time_limit_s=None, now=T0)
    assert store.releases() == []


def test_a_new_opening_after_the_stored_close_is_refused(store):
    released(store, closes=T0)
    with pytest.raises(CohortError, match="before it opens"):
        store.release(assignment="churn", time_limit_s=None, now=T0, opens=T0 + HOUR)
    with pytest.raises(CohortError, match="before it opens"):
        store.release(assignment="churn", time_limit_s=None, now=T0, opens=T0)
    assert store.get_release("churn").opens is None


def test_a_new_close_before_the_stored_opening_is_refused(store):
    released(store, opens=T0)
    with pytest.raises(CohortError, match="before it opens"):
        store.release(assignment="churn", time_limit_s=None, now=T0, closes=T0 - HOUR)
    assert store.get_release("churn").closes is None


def test_extensions_granted_at_once_all_count(store):
    released(store)
    store.start(candidate="ada", assignment="churn", now=T0)

    def grant() -> None:
        for _ in range(5):
            store.extend(candidate="ada", assignment="churn", seconds=60)

    threads = [threading.Thread(target=grant) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert store.attempt(candidate="ada", assignment="churn").extension_s == 4 * 5 * 60


def test_the_store_is_a_context_manager_that_closes_it(tmp_path, monkeypatch):
    closed = []
    monkeypatch.setattr(AttemptStore, "close", lambda self: closed.append(self))
    with AttemptStore(f"sqlite:///{tmp_path / 'gradebook.db'}") as store:
        released(store)
        assert closed == []
    assert closed == [store]


def test_the_records_are_the_same_classes_from_either_module():
    from mleprep.cohort import attempt_store, cohort_attempt

    assert attempt_store.CohortAttempt is cohort_attempt.CohortAttempt
    assert attempt_store.Release is cohort_attempt.Release
    assert attempt_store.Submission is cohort_attempt.Submission
