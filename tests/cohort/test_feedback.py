"""Does releasing feedback reach every graded candidate through nbgrader's exchange, under the secret
their own submission wrote, and report one candidate's failure without holding back the others?"""

from __future__ import annotations

from pathlib import Path

import pytest
from nbgrader.utils import notebook_hash

from mleprep.cohort import delivery
from mleprep.cohort.attempt_store import CohortError
from mleprep.cohort.delivery import COLLECTED_DIR, release_feedback


@pytest.fixture
def exchange(tmp_path) -> Path:
    root = tmp_path / "exchange"
    root.mkdir()
    return root


def graded(course, candidate: str, *, timestamp: bool = True) -> str:
    """A candidate's feedback as `mleprep grade` leaves it, beside their collected submission."""
    feedback = course.feedback_dir / candidate / "churn"
    feedback.mkdir(parents=True)
    (feedback / "churn.html").write_text(f"<p>feedback for {candidate}</p>")
    collected = course.root / COLLECTED_DIR / "churn" / candidate
    collected.mkdir(parents=True)
    secret = f"secret-of-{candidate}"
    (collected / "submission_secret.txt").write_text(secret)
    if timestamp:
        (collected / "timestamp.txt").write_text("2026-03-02 10:00:00.000000 UTC")
    return secret


def released_feedback(exchange: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in (exchange / "mleprep" / "feedback").glob("*.html")}


def test_feedback_is_released_under_each_candidates_own_secret(scratch_course, exchange):
    secrets = {name: graded(scratch_course, name) for name in ("ada", "bo")}

    released, problems = release_feedback(
        course=scratch_course, assignment_id="churn", exchange_root=exchange
    )

    assert (released, problems) == (["ada", "bo"], [])
    assert released_feedback(exchange) == {
        f"{notebook_hash(secret=secret, notebook_id='churn')}.html": f"<p>feedback for {name}</p>"
        for name, secret in secrets.items()
    }


def test_one_candidates_failure_is_a_problem_and_the_others_still_get_theirs(
    scratch_course, exchange, monkeypatch
):
    for name in ("ada", "bo", "cy"):
        graded(scratch_course, name)
    real = delivery._run_exchange

    def failing_for_bo(step, course, exchange, **coursedir):
        if coursedir.get("student_id") == "bo":
            raise CohortError("nbgrader ExchangeReleaseFeedback: bo's folder is broken")
        return real(step, course, exchange, **coursedir)

    monkeypatch.setattr(delivery, "_run_exchange", failing_for_bo)

    released, problems = release_feedback(
        course=scratch_course, assignment_id="churn", exchange_root=exchange
    )

    assert released == ["ada", "cy"]
    assert problems == ["bo: nbgrader ExchangeReleaseFeedback: bo's folder is broken"]
    assert len(released_feedback(exchange)) == 2


def test_a_candidate_without_a_timestamp_is_a_problem_and_the_others_still_get_theirs(
    scratch_course, exchange
):
    graded(scratch_course, "ada", timestamp=False)
    graded(scratch_course, "bo")

    released, problems = release_feedback(
        course=scratch_course, assignment_id="churn", exchange_root=exchange
    )

    assert released == ["bo"]
    [problem] = problems
    assert problem.startswith("ada: ") and "timestamp.txt" in problem, problem


def test_candidates_not_yet_graded_are_skipped(scratch_course, exchange):
    graded(scratch_course, "ada")
    (scratch_course.feedback_dir / "bo" / "churn").mkdir(parents=True)  # no html yet

    released, problems = release_feedback(
        course=scratch_course, assignment_id="churn", exchange_root=exchange
    )

    assert (released, problems) == (["ada"], [])


def test_with_nothing_graded_it_says_to_grade_first(scratch_course, exchange):
    with pytest.raises(CohortError, match="grade the collected submissions first"):
        release_feedback(course=scratch_course, assignment_id="churn", exchange_root=exchange)
