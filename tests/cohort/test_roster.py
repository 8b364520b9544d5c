"""Does the cohort's roster keep who was added, once each, and does a mentor's extension reach the
candidate's attempt?"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mleprep.cohort.attempt_store import AttemptStore, CohortError
from mleprep.cohort.roster import add_candidates, extend, roster

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_adding_candidates_returns_everyone_on_the_roster_sorted_and_once(scratch_course):
    assert roster(scratch_course) == []
    assert add_candidates(course=scratch_course, names=["cy", "ada"]) == ["ada", "cy"]
    assert add_candidates(course=scratch_course, names=["bo", "ada"]) == ["ada", "bo", "cy"]
    assert roster(scratch_course) == ["ada", "bo", "cy"]


def test_extending_adds_to_the_candidates_deadline(scratch_course):
    with AttemptStore(scratch_course.db_url()) as store:
        store.release(assignment="churn", time_limit_s=3600, now=T0)
        store.start(candidate="ada", assignment="churn", now=T0)

    extend(course=scratch_course, candidate="ada", assignment_id="churn", seconds=600)
    attempt = extend(course=scratch_course, candidate="ada", assignment_id="churn", seconds=300)

    assert attempt.extension_s == 900
    assert attempt.deadline == T0 + timedelta(seconds=3600 + 900)


def test_extending_an_assignment_not_released_names_the_release_command(scratch_course):
    with pytest.raises(CohortError, match="mleprep cohort release churn"):
        extend(course=scratch_course, candidate="ada", assignment_id="churn", seconds=600)
