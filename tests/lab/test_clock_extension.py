"""Is the lab's clock computed on the server, from each attempt's deadline and the server's time?"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from mleprep.attempts.clock import start_attempt, stop_clock
from mleprep.lab.clock_extension import clock_state

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_clock_state_gives_remaining_time_and_lab_paths(repo_course, tmp_path: Path) -> None:
    start_attempt(course=repo_course, assignment_id="churn", workspace=tmp_path, now=T0, time_limit_s=3600)
    state = clock_state(workspace=tmp_path, now=T0 + timedelta(minutes=50, seconds=30))
    (attempt,) = state["attempts"]
    assert attempt["remaining_s"] == 570 and attempt["remaining_s"] < state["urgent_s"]
    assert (attempt["lab_path"], attempt["folder"], attempt["submitted"]) == (
        "churn/churn.ipynb",
        "churn",
        False,
    )
    stop_clock(workspace=tmp_path, assignment_id="churn", now=T0 + timedelta(minutes=55))
    later = clock_state(workspace=tmp_path, now=T0 + timedelta(hours=3))
    assert later["attempts"][0]["submitted"] and later["attempts"][0]["remaining_s"] == 300
