"""Is the CLI a documented, scriptable skin over the library?"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mleprep.cli.main import COMMANDS, build_parser, main
from mleprep.cli.practice_commands import SUBCOMMANDS
from tests.conftest import write_submission


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mleprep.cli", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert COMMANDS[command]["help"].split(":")[0] in result.stdout
    assert "example:\n  mleprep " + command in result.stdout


def test_every_subcommand_is_documented():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)


def test_list_json_describes_each_assignment(capsys, repo_course):
    assert main(["--course", str(repo_course.root), "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    churn = next(a for a in data["assignments"] if a["id"] == "churn")
    assert churn["kind"] == "take-home" and churn["time_limit_s"] == 14400 and churn["skills"]


def test_an_unknown_assignment_is_a_clear_error(capsys, repo_course):
    assert main(["--course", str(repo_course.root), "release", "nope"]) == 2
    assert "no assignment 'nope'" in capsys.readouterr().err


def test_outside_a_course_the_error_says_how_to_find_one(tmp_path):
    result = run("list", cwd=tmp_path)
    assert result.returncode == 2 and "no course found" in result.stderr and "--course" in result.stderr


def test_grade_json_has_a_result_per_candidate(tmp_path, scratch_course, capsys):
    write_submission(tmp_path / "subs", "empty", "")
    code = main(
        [
            "--course",
            str(scratch_course.root),
            "grade",
            "churn",
            "--submissions",
            str(tmp_path / "subs"),
            "--json",
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["assignment"] == "churn"
    [result] = out["results"]
    assert result["candidate"] == "empty" and result["status"] == "error" and "empty file" in result["error"]
    assert set(result) >= {"candidate", "status", "score", "max_score", "checks", "error", "feedback"}


def test_start_and_status_report_the_same_clock_as_json(capsys, repo_course, tmp_path):
    args = ["--course", str(repo_course.root)]
    assert main([*args, "start", "churn", "--workspace", str(tmp_path), "--time-limit", "90m", "--json"]) == 0
    started = json.loads(capsys.readouterr().out)
    assert set(started) >= {"assignment", "workspace", "notebook", "started_at", "deadline", "time_limit_s"}
    assert started["time_limit_s"] == 5400 and not started["resumed"]
    assert main([*args, "start", "churn", "--workspace", str(tmp_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["started_at"] == started["started_at"]
    assert main([*args, "status", "--workspace", str(tmp_path), "--json"]) == 0
    (attempt,) = json.loads(capsys.readouterr().out)["attempts"]
    assert attempt["deadline"] == started["deadline"] and 5300 < attempt["remaining_s"] <= 5400
    assert not attempt["submitted"]


def test_submit_without_an_attempt_says_how_to_start(capsys, repo_course, tmp_path):
    assert main(["--course", str(repo_course.root), "submit", "churn", "--workspace", str(tmp_path)]) == 2
    assert "mleprep start churn" in capsys.readouterr().err


@pytest.mark.parametrize("sub", sorted(SUBCOMMANDS))
def test_every_practice_subcommand_has_help_with_an_example(sub):
    result = run("practice", sub, "--help")
    assert result.returncode == 0
    assert f"example:\n  mleprep practice {sub}" in result.stdout


def test_practice_questions_and_review_as_json(capsys, repo_course, tmp_path):
    args = ["--course", str(repo_course.root), "practice"]
    assert main([*args, "questions", "--stage", "recruiter_screen", "--json"]) == 0
    questions = json.loads(capsys.readouterr().out)["questions"]
    assert len(questions) >= 12 and {q["stage"] for q in questions} == {"recruiter_screen"}
    assert set(questions[0]) >= {
        "id",
        "stage",
        "competency",
        "prompt",
        "time_budget_s",
        "rubric",
        "follow_ups",
    }
    answer = tmp_path / "answer.txt"
    answer.write_text("Last year our model broke. I fixed the join. As a result, errors fell by 40 percent.")
    assert (
        main([*args, "review", "--answer-file", str(answer), "--question", "hm-broken-data", "--json"]) == 0
    )
    review = json.loads(capsys.readouterr().out)
    assert set(review) >= {
        "star",
        "quantified_result",
        "first_person_share",
        "words",
        "speaking_time_s",
        "suggestions",
    }
    assert review["star"]["result"] and review["quantified_result"] and review["words"] == 17
    assert main([*args, "review", "--answer-file", str(answer), "--question", "nope"]) == 2
    assert "no question 'nope'" in capsys.readouterr().err
