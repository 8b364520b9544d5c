"""Who is in the cohort (nbgrader's students, in the course gradebook) and the extra time a mentor
grants one of them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mleprep.cohort.attempt_store import AttemptStore, CohortAttempt
from mleprep.course.nbgrader_steps import open_gradebook
from mleprep.course.root import Course


def add_candidates(*, course: Course, names: list[str]) -> list[str]:
    """Put candidates on the course roster (nbgrader's students); the report lists who never started."""
    with open_gradebook(course) as gb:
        for name in names:
            gb.update_or_create_student(name)
        return sorted(s.id for s in gb.students)


def roster(course: Course) -> list[str]:
    with open_gradebook(course) as gb:
        return sorted(s.id for s in gb.students)


def extend(*, course: Course, candidate: str, assignment_id: str, seconds: int) -> CohortAttempt:
    store = AttemptStore(course.db_url())
    try:
        return store.extend(candidate=candidate, assignment=assignment_id, seconds=seconds)
    finally:
        store.close()


def cohort_status(*, course: Course, assignment_id: str, now: datetime) -> list[dict[str, Any]]:
    """Every candidate on the roster, and anyone else with an attempt, as the clock keeps them."""
    with AttemptStore(course.db_url()) as store:
        names = set(roster(course)) | {a.candidate for a in store.attempts(assignment=assignment_id)}
        return [
            {"candidate": name, **store.attempt(candidate=name, assignment=assignment_id).state(now)}
            for name in sorted(names)
        ]
