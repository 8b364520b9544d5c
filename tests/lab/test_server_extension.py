"""The lab server's API for the front-end, on a real JupyterLab: Check as a job of the real CLI,
mock-interview rounds reviewed and saved for `practice history`, feedback files, and bad requests."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import psutil
import pytest

from mleprep.attempts.clock import start_attempt
from mleprep.practice.history import load_history
from tests.conftest import copy_course, fill_answers
from tests.e2e.lab_session import Lab, running_lab


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[Lab]:
    root = tmp_path_factory.mktemp("lab")
    course = copy_course(root / "course")
    attempt = start_attempt(
        course=course, assignment_id="churn", workspace=root / "workspace", now=datetime.now(UTC)
    ).attempt
    fill_answers(attempt.notebook_path)
    with running_lab(course, attempt, root / "lab.log") as running:
        running.workspace = root / "workspace"  # type: ignore[attr-defined]
        yield running


def _follow(lab: Lab, job: dict, timeout_s: float = 300) -> tuple[dict, list[str]]:
    seen, deadline = [], time.monotonic() + timeout_s
    while job["state"] == "running":
        assert time.monotonic() < deadline, job
        time.sleep(0.3)
        job = lab.api(f"mleprep/jobs/{job['id']}")
        seen.append(job["progress"])
    return job, seen


def test_check_runs_as_a_job_of_the_cli_with_progress_and_the_visible_checks(lab: Lab) -> None:
    job = lab.api("mleprep/attempts/churn/check", method="POST")
    again = lab.api("mleprep/attempts/churn/check", method="POST")
    assert again["id"] == job["id"], "a second click while checking follows the running check"
    job, seen = _follow(lab, job)
    assert job["state"] == "done", job
    assert any(p.startswith("ran cell") for p in seen), seen
    result = job["result"]
    assert result["assignment"] == "churn" and result["summary"]["passed"] == len(result["checks"]) >= 3
    assert result["remaining_s"] > 0


def test_actions_on_what_is_not_an_attempt_are_refused_with_a_reason(lab: Lab) -> None:
    assert lab.refused("mleprep/attempts/spam/check", method="POST")[0] == 404
    assert lab.refused("mleprep/attempts/churn/grade", method="POST")[0] == 404
    assert lab.refused("mleprep/jobs/0123456789abcdef")[0] == 404
    status, message = lab.refused("mleprep/feedback/churn/index.html")
    assert status == 404 and "submit first" in message, message[-500:]
    assert lab.refused("mleprep/feedback/churn/..")[0] == 404
    # An earlier attempt kept beside the current one is not checked or submitted under the wrong id.
    kept = lab.workspace / "churn-attempt-1"  # type: ignore[attr-defined]
    kept.mkdir()
    record = lab.workspace / "churn" / "attempt.json"  # type: ignore[attr-defined]
    (kept / "attempt.json").write_bytes(record.read_bytes())
    status, message = lab.refused("mleprep/attempts/churn-attempt-1/submit", method="POST")
    assert status == 409 and "earlier attempt of churn" in message, message


def test_a_check_that_cannot_run_fails_with_the_clis_message(lab: Lab) -> None:
    notebook = lab.workspace / "churn" / "churn.ipynb"  # type: ignore[attr-defined]
    kept = notebook.read_bytes()
    notebook.unlink()
    try:
        job, _ = _follow(lab, lab.api("mleprep/attempts/churn/check", method="POST"))
    finally:
        notebook.write_bytes(kept)
    assert job["state"] == "failed" and "does not exist" in job["error"], job


def test_a_mock_round_is_asked_reviewed_and_saved_where_history_finds_it(lab: Lab) -> None:
    round_ = lab.api("mleprep/mock/questions?stage=hiring_manager&count=2&seed=7")
    assert [len(round_["questions"]), round_["seed"]] == [2, 7]
    first = round_["questions"][0]
    assert "strong_answer" not in first, "the model answer is shown after answering, not before"
    answer = {
        "question": first["id"],
        "answer": "Our pipeline broke before a launch. I traced it to a schema change, wrote a check, "
        "and we shipped on time; failures dropped from 5 a week to 0.",
        "seconds": 42,
    }
    reviewed = lab.api("mleprep/mock/review", method="POST", body=json.dumps(answer).encode())
    assert reviewed["review"]["quantified_result"] is True and reviewed["strong_answer"]
    answers = [answer, {**answer, "question": round_["questions"][1]["id"], "answer": ""}]
    body = {
        "stage": "hiring_manager",
        "seed": 7,
        "started_at": "2026-12-03T08:00:00+00:00",
        "answers": answers,
    }
    session = lab.api("mleprep/mock/finish", method="POST", body=json.dumps(body).encode())
    assert session["report"]["answered"] == 1 and session["report"]["questions"] == 2
    assert session["saved"].startswith("practice/sessions/")
    rows = load_history(workspace=lab.workspace)  # type: ignore[attr-defined]
    assert [r["questions"] for r in rows] == [2]


@pytest.mark.parametrize(
    ("path", "body", "expected"),
    [
        ("mleprep/mock/questions?stage=final_round", None, "stage must be one of"),
        ("mleprep/mock/review", b"not json", "must be JSON"),
        ("mleprep/mock/review", b'{"question": "no_such_question", "answer": "x"}', "no question"),
        ("mleprep/mock/review", b'{"question": 3}', "must be a question id"),
        ("mleprep/mock/finish", b'{"stage": "hiring_manager", "answers": []}', "stage and its answers"),
    ],
)
def test_bad_mock_requests_are_refused_with_a_message(lab: Lab, path: str, body, expected: str) -> None:
    status, message = lab.refused(path, method="POST" if body is not None else "GET", body=body)
    assert status == 400 and expected in message, message


def test_an_answer_beyond_any_spoken_length_is_refused(lab: Lab) -> None:
    first = lab.api("mleprep/mock/questions?stage=recruiter_screen&count=1")["questions"][0]
    body = json.dumps({"question": first["id"], "answer": "word " * 20_000, "seconds": 10}).encode()
    status, message = lab.refused("mleprep/mock/review", method="POST", body=body)
    assert status == 400 and "at most" in message


def test_a_solo_attempts_lab_keeps_one_standby_grader_for_submit(lab: Lab) -> None:
    children = psutil.Process(lab.pid).children(recursive=True)
    standbys = [c for c in children if "mleprep.grading.standby" in " ".join(c.cmdline())]
    assert len(standbys) == 1, [c.cmdline() for c in children]
