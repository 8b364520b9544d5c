"""Does a candidate's clock start once, persist across processes, and stop once?"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mleprep.attempts.clock import (
    ATTEMPT_FILE,
    AttemptError,
    find_attempt,
    list_attempts,
    read_attempt,
    start_attempt,
    stop_clock,
)
from tests.conftest import REPO

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_start_copies_the_release_and_records_start_and_deadline(repo_course, tmp_path: Path) -> None:
    started = start_attempt(course=repo_course, assignment_id="churn", workspace=tmp_path, now=T0)
    attempt = started.attempt
    assert not started.resumed
    assert attempt.notebook_path.read_bytes() == (REPO / "assignments/churn/churn.ipynb").read_bytes()
    assert (attempt.folder / "data" / "train.csv").is_file()
    record = json.loads((attempt.folder / ATTEMPT_FILE).read_text())
    assert record["started_at"] == "2026-11-23T09:00:00+00:00"
    assert record["deadline"] == "2026-11-23T13:00:00+00:00"  # churn's 4h limit
    assert attempt.remaining_s(T0 + timedelta(hours=1)) == 3 * 3600


def test_the_clock_persists_across_processes(repo_course, tmp_path: Path) -> None:
    code = (
        "import sys, json; from datetime import datetime, UTC; from pathlib import Path;"
        "from mleprep.course.root import Course;"
        "from mleprep.attempts.clock import start_attempt, list_attempts;"
        f"c = Course(Path({str(REPO)!r})); ws = Path({str(tmp_path)!r});"
        "now = datetime.fromisoformat(sys.argv[1]);"
        "s = start_attempt(course=c, assignment_id='churn', workspace=ws, now=now);"
        "print(json.dumps([s.resumed, s.attempt.to_json()]))"
    )
    first = subprocess.run(
        [sys.executable, "-c", code, "2026-11-23T09:00:00+00:00"], capture_output=True, text=True
    )
    second = subprocess.run(
        [sys.executable, "-c", code, "2026-11-23T11:30:00+00:00"], capture_output=True, text=True
    )
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    resumed_1, record_1 = json.loads(first.stdout)
    resumed_2, record_2 = json.loads(second.stdout)
    assert (resumed_1, resumed_2) == (False, True)
    assert record_1 == record_2, "a second start, hours later in another process, must not reset the clock"
    (attempt,) = list_attempts(workspace=tmp_path)
    assert attempt.remaining_s(datetime(2026, 11, 23, 11, 30, tzinfo=UTC)) == 90 * 60


def test_starting_again_resumes_and_keeps_the_candidates_work(repo_course, tmp_path: Path) -> None:
    first = start_attempt(course=repo_course, assignment_id="churn", workspace=tmp_path, now=T0).attempt
    first.notebook_path.write_text('{"my": "work"}')
    (first.folder / "data" / "train.csv").unlink()
    again = start_attempt(
        course=repo_course,
        assignment_id="churn",
        workspace=tmp_path,
        now=T0 + timedelta(hours=2),
        time_limit_s=60,
    )
    assert again.resumed and again.attempt == first
    assert first.notebook_path.read_text() == '{"my": "work"}'
    assert (first.folder / "data" / "train.csv").is_file()
    assert any("restored data/train.csv" in n for n in again.notes)
    assert any("keeps its limit of 4h" in n for n in again.notes)


def test_concurrent_starts_agree_on_one_clock(tmp_path: Path) -> None:
    code = (
        "import sys, json; from datetime import datetime, UTC; from pathlib import Path;"
        "from mleprep.course.root import Course; from mleprep.attempts.clock import start_attempt;"
        f"s = start_attempt(course=Course(Path({str(REPO)!r})), assignment_id='churn',"
        f" workspace=Path({str(tmp_path)!r}), now=datetime.now(UTC));"
        "print(s.attempt.to_json()['started_at'], s.resumed)"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert len({started for started, _ in outputs}) == 1
    assert sorted(resumed for _, resumed in outputs) == ["False", "True", "True"]


def test_practice_limit_and_frozen_clock_after_submission(repo_course, tmp_path: Path) -> None:
    start_attempt(course=repo_course, assignment_id="churn", workspace=tmp_path, now=T0, time_limit_s=600)
    submitted = stop_clock(workspace=tmp_path, assignment_id="churn", now=T0 + timedelta(minutes=7))
    assert submitted.remaining_s(T0 + timedelta(days=1)) == 180
    assert submitted.time_used_s(T0 + timedelta(days=1)) == 420
    again = stop_clock(workspace=tmp_path, assignment_id="churn", now=T0 + timedelta(hours=5))
    assert again.submitted_at == submitted.submitted_at, "a second submit keeps the first time"
    assert read_attempt(tmp_path / "churn") == submitted


def test_a_submitted_attempt_is_only_replaced_by_a_retake(repo_course, tmp_path: Path) -> None:
    start_attempt(course=repo_course, assignment_id="churn", workspace=tmp_path, now=T0)
    stop_clock(workspace=tmp_path, assignment_id="churn", now=T0 + timedelta(hours=1))
    with pytest.raises(AttemptError, match=r"already submitted.*--retake"):
        start_attempt(
            course=repo_course, assignment_id="churn", workspace=tmp_path, now=T0 + timedelta(hours=2)
        )
    retake = start_attempt(
        course=repo_course,
        assignment_id="churn",
        workspace=tmp_path,
        now=T0 + timedelta(hours=2),
        retake=True,
    )
    assert not retake.resumed and retake.attempt.started_at == T0 + timedelta(hours=2)
    old = read_attempt(tmp_path / "churn-attempt-1")
    assert old is not None and old.submitted_at == T0 + timedelta(hours=1)
    with pytest.raises(AttemptError, match="still running"):
        start_attempt(course=repo_course, assignment_id="churn", workspace=tmp_path, now=T0, retake=True)


def test_bad_state_gets_a_clear_message(repo_course, tmp_path: Path) -> None:
    (tmp_path / "churn").mkdir()
    (tmp_path / "churn" / "notes.txt").write_text("mine")
    with pytest.raises(AttemptError, match="holds no attempt record"):
        start_attempt(course=repo_course, assignment_id="churn", workspace=tmp_path, now=T0)
    (tmp_path / "churn" / ATTEMPT_FILE).write_text('{"assignment": "churn"}')
    with pytest.raises(AttemptError, match=r"attempt.json: key 'notebook' is missing"):
        find_attempt(workspace=tmp_path, assignment_id="churn")
    with pytest.raises(AttemptError, match=r"no attempt of other.*mleprep start other"):
        find_attempt(workspace=tmp_path, assignment_id="other")
    with pytest.raises(AttemptError, match="longer than 0"):
        start_attempt(
            course=repo_course, assignment_id="churn", workspace=tmp_path / "x", now=T0, time_limit_s=0
        )
