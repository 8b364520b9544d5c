"""Does the readiness report say where to start on a fresh workspace, and read a workspace with history
(mock rounds, a story bank, graded and running take-homes) into scores, gaps and commands that parse?"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mleprep.attempts.clock import start_attempt, stop_clock
from mleprep.attempts.feedback_page import write_attempt_feedback
from mleprep.cli.main import build_parser
from mleprep.course.question_bank import load_bank
from mleprep.course.root import Course
from mleprep.grading.results import CheckResult, SubmissionResult
from mleprep.practice.mock_round import pick_questions, run_mock_round, save_session, scripted_ask
from mleprep.practice.story_bank import STORIES_FILE, write_template
from mleprep.readiness.readiness_report import readiness
from tests.conftest import REPO

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BANK = load_bank(REPO / "interview_guide")
STORY = (
    "At my last company the nightly forecast failed twice a week. My job was to make it reliable. "
    "I added input checks and I rewrote the retry logic. "
    "As a result, failures fell from eight a month to one."
)
SENTENCE = "I build ranking models in Python and ship them with the platform team every week. "
RECRUITER_SEED = 3


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mleprep.cli", "--course", str(REPO), "readiness", *args],
        capture_output=True,
        text=True,
    )


def assert_every_command_parses(steps: list[dict]) -> None:
    parser = build_parser()
    for step in steps:
        words = shlex.split(step["command"])
        assert words[0] == "mleprep", step
        parser.parse_args(words[1:])  # exits (SystemExit) on a command that does not parse


def _submit(
    course: Course, workspace: Path, assignment_id: str, *, start: datetime, used: timedelta, lost: dict
) -> None:
    """A real attempt (start, stop the clock) and its feedback as `mleprep submit` writes it.

    `lost` maps check ids to the points they lost, as failed checks; the others passed.
    """
    assignment = course.assignment(assignment_id)
    retake = (workspace / assignment_id).is_dir()
    start_attempt(course=course, assignment_id=assignment_id, workspace=workspace, now=start, retake=retake)
    attempt = stop_clock(workspace=workspace, assignment_id=assignment_id, now=start + used)
    checks = tuple(
        CheckResult(
            c.id,
            c.title,
            c.kind,
            "failed" if c.id in lost else "passed",
            c.points - lost.get(c.id, 0.0),
            c.points,
            f"{c.title}: not there yet." if c.id in lost else "passed.",
        )
        for c in assignment.checks
    )
    raw = sum(c.points for c in checks)
    late_s = attempt.late_s(start + used)
    result = SubmissionResult(
        candidate="ada",
        status="graded",
        score=raw,
        max_score=assignment.auto_points,
        checks=checks,
        manual_max_score=assignment.manual_points,
        raw_score=raw,
        late_s=late_s,
        time_used_s=used.total_seconds(),
    )
    (attempt.folder / "feedback").mkdir()  # as submit_attempt makes it
    write_attempt_feedback(
        attempt.folder / "feedback" / "index.html",
        assignment=assignment,
        attempt=attempt,
        result=result,
        plots=[],
        notebook_html=None,
    )


def _answer_lasting(seconds: float) -> str:
    words = SENTENCE.split()
    count = int(seconds * 150 / 60)  # the review's speaking rate
    return " ".join(words[i % len(words)] for i in range(count)) + "."


def build_history(course: Course, workspace: Path) -> None:
    """A candidate two weeks in: a recruiter round, two hiring-manager rounds, the example story bank,
    churn taken twice (the retake worse than the first) and spam once, all passed."""
    picked = pick_questions(BANK, stage="recruiter_screen", count=5, seed=RECRUITER_SEED)
    answers = [
        _answer_lasting(3 * picked[0].time_budget_s),  # far over its budget
        "Yes.",  # far too short
        *(_answer_lasting(0.6 * q.time_budget_s) for q in picked[2:]),
    ]
    rounds = [
        ("recruiter_screen", answers, T0, RECRUITER_SEED),
        ("hiring_manager", ["I always work hard."] * 4, T0 + timedelta(days=1), 1),
        ("hiring_manager", [STORY] * 4, T0 + timedelta(days=5), 2),
    ]
    for stage, texts, when, seed in rounds:
        session = run_mock_round(questions=BANK, stage=stage, ask=scripted_ask(texts), now=when, seed=seed)
        save_session(session, workspace=workspace)
    assert write_template(workspace / STORIES_FILE)
    first = {"holdout_estimate": 2.0, "holdout_quality": 2.0}
    _submit(course, workspace, "churn", start=T0, used=timedelta(hours=3), lost=first)
    second = {"holdout_estimate": 2.0, "holdout_quality": 5.0}
    retake = T0 + timedelta(days=7)
    _submit(course, workspace, "churn", start=retake, used=timedelta(hours=4, minutes=20), lost=second)
    _submit(course, workspace, "spam", start=T0 + timedelta(days=3), used=timedelta(hours=2), lost={})


def test_a_fresh_workspace_says_where_to_start(repo_course: Course, tmp_path: Path) -> None:
    report = readiness(course=repo_course, workspace=tmp_path / "ws", now=T0)
    data = report.to_json()
    assert data["fresh"]
    commands = [s["command"] for s in data["next"]]
    assert commands == [
        "mleprep practice mock recruiter_screen",
        "mleprep start churn",
        "mleprep practice stories --init",
        "mleprep practice mock hiring_manager",
    ]
    assert data["start_here"].startswith(f"Nothing practised yet in {tmp_path / 'ws'}")
    assert "`mleprep practice mock recruiter_screen`" in data["start_here"]
    assert data["recruiter_screen"]["practised"] == 0 and data["recruiter_screen"]["total"] == 15
    assert all(t["best"] is None for t in data["take_home"]["take_homes"])
    assert data["hiring_manager"]["missing"] == list(data["hiring_manager"]["competencies"])
    assert_every_command_parses(data["next"])


def test_a_fresh_workspace_through_the_cli(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    text = run_cli("--workspace", str(workspace))
    assert text.returncode == 0, text.stderr
    assert "Nothing practised yet" in text.stdout
    assert f"mleprep practice mock recruiter_screen --workspace {workspace}" in text.stdout
    as_json = run_cli("--workspace", str(workspace), "--json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert data["fresh"] and data["next"][0]["command"].endswith(f"--workspace {workspace}")
    assert_every_command_parses(data["next"])
    assert not workspace.exists(), "reading a workspace must not create it"


def test_a_workspace_with_history(repo_course: Course, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    build_history(repo_course, workspace)
    data = readiness(course=repo_course, workspace=workspace, now=T0 + timedelta(days=10)).to_json()
    assert not data["fresh"] and data["start_here"] is None and data["problems"] == []

    rs = data["recruiter_screen"]
    picked = pick_questions(BANK, stage="recruiter_screen", count=5, seed=RECRUITER_SEED)
    assert (rs["rounds"], rs["practised"], rs["total"]) == (1, 5, 15)
    by_id = {q["id"]: q for q in rs["questions"]}
    assert {i for i, q in by_id.items() if q["practised"]} == {q.id for q in picked}
    assert by_id[picked[0].id]["last"]["length"] == "too long"
    assert by_id[picked[1].id]["last"]["length"] == "too short"
    assert rs["off_budget"] == [i for i in by_id if i in {picked[0].id, picked[1].id}]
    assert by_id[picked[2].id]["last"]["length"] == "within budget"

    th = {t["id"]: t for t in data["take_home"]["take_homes"]}
    churn = th["churn"]
    assert (churn["attempts"], churn["graded"], churn["in_progress"]) == (2, 2, False)
    assert churn["best"]["score"] == 8.0 and churn["best"]["fraction"] == round(8 / 12, 3)
    assert churn["latest"]["score"] == 5.0 and churn["latest"]["fraction"] == round(5 / 12, 3)
    assert churn["time_used_s"] == 4 * 3600 + 20 * 60 and churn["time_limit_s"] == 4 * 3600
    assert churn["late_s"] == 20 * 60
    assert th["spam"]["best"]["fraction"] == 1.0 and th["prices"]["attempts"] == 0
    skills = {s["skill"]: s for s in data["take_home"]["skills"]}
    assert skills["data cleaning"]["best_fraction"] == 1.0 and skills["data cleaning"]["best_in"] == "spam"
    assert skills["cross-validation"]["best_fraction"] == round(8 / 12, 3)
    assert skills["outliers"]["best_fraction"] is None and skills["outliers"]["take_homes"] == ["prices"]
    failed = data["take_home"]["most_failed_checks"]
    assert [(c["assignment"], c["check"], c["times"], c["of_attempts"]) for c in failed] == [
        ("churn", "holdout_estimate", 2, 2),
        ("churn", "holdout_quality", 2, 2),
    ]

    hm = data["hiring_manager"]
    assert hm["has_story_bank"] and [s["id"] for s in hm["stories"]] == ["broken-join"]
    assert "problem_solving" not in hm["missing"] and "teamwork" in hm["missing"]
    assert [r["mean_structure_score"] for r in hm["rounds"]] == [0.0, 5.0]
    assert hm["latest_structure_score"] == 5.0

    steps = data["next"]
    assert [s["command"] for s in steps] == [
        "mleprep practice mock recruiter_screen",
        "mleprep start churn --retake",
        "mleprep practice stories",
    ]
    assert "10 of 15" in steps[0]["why"] and "The estimate agrees with the holdout" in steps[1]["why"]
    assert "teamwork" in steps[2]["why"]
    assert_every_command_parses(steps)


def test_every_question_practised_but_too_long_suggests_reviewing_one(
    repo_course: Course, tmp_path: Path
) -> None:
    workspace = tmp_path / "ws"
    ask = scripted_ask([_answer_lasting(600)] * 15)
    session = run_mock_round(questions=BANK, stage="recruiter_screen", ask=ask, now=T0, count=15, seed=1)
    save_session(session, workspace=workspace)
    data = readiness(course=repo_course, workspace=workspace, now=T0, name_workspace=True).to_json()
    rs = data["recruiter_screen"]
    assert rs["practised"] == rs["total"] == 15 and len(rs["off_budget"]) == 15
    first = rs["questions"][0]
    step = data["next"][0]
    # `practice review` takes no --workspace: the command must still parse.
    assert step["command"] == f"mleprep practice review --answer-file answer.txt --question {first['id']}"
    assert "too long" in step["why"] and f"against {first['time_budget_s']} s" in step["why"]
    assert_every_command_parses(data["next"])


def test_a_running_take_home_comes_first(repo_course: Course, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    start_attempt(course=repo_course, assignment_id="prices", workspace=workspace, now=T0)
    running = readiness(course=repo_course, workspace=workspace, now=T0 + timedelta(hours=1)).to_json()
    first = running["next"][0]
    assert first["command"] == "mleprep start prices --lab" and "3h 00m left" in first["why"]
    assert not running["fresh"]
    assert not any(s["command"].startswith("mleprep start churn") for s in running["next"])
    late = readiness(course=repo_course, workspace=workspace, now=T0 + timedelta(hours=5)).to_json()
    assert late["next"][0]["command"] == "mleprep submit prices"
    assert_every_command_parses(running["next"] + late["next"])


def test_damaged_files_are_named_not_fatal(repo_course: Course, tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    _submit(repo_course, workspace, "spam", start=T0, used=timedelta(hours=1), lost={})
    (workspace / "spam" / "feedback" / "result.json").write_text("{not json")
    (workspace / "practice" / "sessions").mkdir(parents=True)
    (workspace / "practice" / "sessions" / "20260101T000000-hiring_manager.json").write_text("[]")
    (workspace / STORIES_FILE).write_text("stories = 3\n")
    data = readiness(course=repo_course, workspace=workspace, now=T0).to_json()
    assert len(data["problems"]) == 2 and any("result.json" in p for p in data["problems"])
    assert data["hiring_manager"]["stories_error"]
    assert data["next"][-2]["command"] == "mleprep practice stories"
    assert {t["id"]: t["best"] for t in data["take_home"]["take_homes"]}["spam"] is None


@pytest.mark.parametrize("flags", [["--json"], ["--json", "--html"]])
def test_a_workspace_with_history_through_the_cli(repo_course: Course, tmp_path: Path, flags: list) -> None:
    workspace = tmp_path / "ws"
    build_history(repo_course, workspace)
    result = run_cli("--workspace", str(workspace), *flags)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert not data["fresh"] and data["recruiter_screen"]["practised"] == 5
    assert {t["id"]: t["attempts"] for t in data["take_home"]["take_homes"]}["churn"] == 2
    assert data["next"][1]["command"] == f"mleprep start churn --retake --workspace {workspace}"
    assert_every_command_parses(data["next"])
    if "--html" in flags:
        page = Path(data["html"])
        assert page == workspace / "readiness" / "index.html"
        assert page.read_text().count("data:image/png;base64,") == 2


@pytest.mark.parametrize(
    "record", ["[]", '{"score": "12", "max_score": 12, "candidate": "ada", "status": "graded"}']
)
def test_a_result_record_that_is_not_one_is_named_not_fatal(
    repo_course: Course, tmp_path: Path, record: str
) -> None:
    workspace = tmp_path / "ws"
    _submit(repo_course, workspace, "spam", start=T0, used=timedelta(hours=1), lost={})
    (workspace / "spam" / "feedback" / "result.json").write_text(record)
    data = readiness(course=repo_course, workspace=workspace, now=T0).to_json()
    assert any("unreadable result record" in p for p in data["problems"]), data["problems"]


def test_a_mock_round_with_a_damaged_answer_is_named_not_fatal(repo_course: Course, tmp_path: Path) -> None:
    sessions = tmp_path / "ws" / "practice" / "sessions"
    sessions.mkdir(parents=True)
    damaged = {
        "stage": "recruiter_screen",
        "started_at": "2026-12-01T09:00:00+00:00",
        "answers": [{"question": "rs-tell-me-about-yourself", "answer": "I build models."}, "not an answer"],
    }
    (sessions / "20261201T090000-recruiter_screen.json").write_text(json.dumps(damaged))
    data = readiness(course=repo_course, workspace=tmp_path / "ws", now=T0).to_json()
    assert any("unreadable answer" in p for p in data["problems"]), data["problems"]


def test_the_page_keeps_its_plots_in_a_folder_of_its_own(repo_course: Course, tmp_path: Path) -> None:
    from mleprep.readiness.readiness_page import SCORES_PLOT, write_readiness_page

    desktop = tmp_path / "Desktop"
    desktop.mkdir()
    (desktop / SCORES_PLOT).write_bytes(b"someone else's picture")
    _submit(repo_course, tmp_path / "ws", "spam", start=T0, used=timedelta(hours=1), lost={})
    page = write_readiness_page(
        readiness(course=repo_course, workspace=tmp_path / "ws", now=T0), desktop / "r.html"
    )
    assert (desktop / SCORES_PLOT).read_bytes() == b"someone else's picture"
    assert (desktop / "r_files" / SCORES_PLOT).is_file() and page.is_file()


def test_suggestions_name_the_course_when_it_was_not_found_from_the_working_folder(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    elsewhere = subprocess.run(
        [
            sys.executable,
            "-m",
            "mleprep.cli",
            "--course",
            str(REPO),
            "readiness",
            "--workspace",
            str(workspace),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert f"mleprep --course {REPO} practice mock recruiter_screen" in elsewhere.stdout


def test_answers_the_review_could_not_read_have_no_structure_score_and_no_place_in_the_mean(
    repo_course: Course, tmp_path: Path
) -> None:
    in_chinese = "我们的模型上线以后，欺诈的误报突然多了很多。我负责找出原因，发现一个字段的单位变了。"
    session = run_mock_round(
        questions=BANK,
        stage="recruiter_screen",
        ask=scripted_ask([in_chinese] * 5),
        now=T0,
        seed=RECRUITER_SEED,
    )
    save_session(session, workspace=tmp_path)
    data = readiness(course=repo_course, workspace=tmp_path, now=T0 + timedelta(days=1)).to_json()
    practised = [q for q in data["recruiter_screen"]["questions"] if q["last"]]
    assert len(practised) == 5 and all(q["last"]["structure_score"] is None for q in practised)
    assert data["recruiter_screen"]["mean_structure_score"] is None
