"""Are the practice subcommands documented and scriptable as JSON?"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mleprep.cli.main import main
from mleprep.cli.practice_commands import SUBCOMMANDS


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mleprep.cli", *args], capture_output=True, text=True, cwd=cwd
    )


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
    assert main([*args, "review", "--answer-file", str(answer), "--question", "hm-nope"]) == 2
    assert "no question 'hm-nope'" in capsys.readouterr().err
    assert main([*args, "review", "--answer-file", str(answer), "--question", " "]) == 2
    assert "--question is empty" in capsys.readouterr().err


def test_review_shows_how_each_sentence_was_read_so_a_missed_part_can_be_found(capsys, repo_course, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "At my last job our churn model drifted. I was asked to fix it before the campaign. I retrained "
        "it on the last three months, which took long because the labels for the latest weeks were missing. "
        "It is fine now."
    )
    args = ["--course", str(repo_course.root), "practice", "review", "--answer-file", str(answer)]
    assert main([*args, "--question", "Tell me about a time you fixed a model."]) == 0
    lines = capsys.readouterr().out.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("read as"))
    read = lines[first : first + 4]

    assert read[0].split()[:3] == ["read", "as", "situation"]
    assert read[1].split()[0] == "task" and read[2].split()[0] == "action"
    assert read[2].endswith("\u2026") and len(read[2]) <= 10 + 16 + 72  # a long sentence is cut
    assert read[3].split()[0] == "-" and read[3].endswith("It is fine now.")  # the outcome it missed
    assert any("Close with the outcome" in line for line in lines)


def test_review_takes_the_question_as_it_was_asked(capsys, repo_course, tmp_path):
    answer = tmp_path / "answer.txt"
    answer.write_text(
        "I have spent four years at a logistics company, where I built the demand forecasts. "
        "I now want a team that puts models into production."
    )
    args = ["--course", str(repo_course.root), "practice", "review", "--answer-file", str(answer)]
    assert main([*args, "--question", "Why are you leaving your current job?", "--json"]) == 0
    review = json.loads(capsys.readouterr().out)
    assert review["question"]["answer_format"] == "pitch" and not any(review["star"].values())
    assert main([*args, "--question", "Tell me about a time you failed."]) == 0
    out = capsys.readouterr().out
    assert out.startswith("question  asks for a story") and "responsible for" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty: write the answer in it first"),
        (b"  \n\t\n", "is empty: write the answer in it first"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a binary file, not an answer"),
        ("Last year I rebuilt the model.".encode("utf-16"), "is a binary file, not an answer"),
        ("J'ai reconstruit le modèle.".encode("latin-1"), "is not UTF-8 text"),
    ],
    ids=["empty", "blank", "png", "utf-16", "latin-1"],
)
def test_review_refuses_an_answer_file_that_holds_no_text(capsys, repo_course, tmp_path, content, message):
    answer = tmp_path / "answer.txt"
    answer.write_bytes(content)
    args = ["--course", str(repo_course.root), "practice", "review", "--answer-file", str(answer)]
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_review_reads_an_answer_in_another_script_as_unread_not_as_empty(capsys, repo_course, tmp_path):
    answer = tmp_path / "answer.txt"
    text = "我们的模型上线以后，误报突然多了很多。我找出了原因，修好了数据管道。"
    answer.write_text(text, encoding="utf-8")
    args = ["--course", str(repo_course.root), "practice", "review", "--answer-file", str(answer), "--json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["suggestion_kinds"] == ["other_language"]
    assert main(args[:-1]) == 0
    out = capsys.readouterr().out
    assert "another script" in out and "STAR" not in out and "length" not in out
