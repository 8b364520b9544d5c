"""Does a mock round pick varied questions, time each answer, report, save, and show progress?"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from mleprep.cli.main import main
from mleprep.course.question_bank import load_bank
from mleprep.practice.mock_round import pick_questions, run_mock_round, scripted_answers, scripted_ask
from tests.conftest import REPO

BANK = load_bank(REPO / "interview_guide")
STORY = (
    "At my last company the nightly forecast failed twice a week. My job was to make it reliable. "
    "I added input checks and I rewrote the retry logic. "
    "As a result, failures fell from eight a month to one."
)


def test_questions_come_from_different_competencies_and_repeat_with_the_seed() -> None:
    picked = pick_questions(BANK, stage="hiring_manager", count=6, seed=7)
    assert len({q.competency for q in picked}) == 6 and all(q.stage == "hiring_manager" for q in picked)
    assert picked == pick_questions(BANK, stage="hiring_manager", count=6, seed=7)
    assert picked != pick_questions(BANK, stage="hiring_manager", count=6, seed=8)


def test_a_scripted_round_reports_across_answers(tmp_path: Path) -> None:
    answers = scripted_answers(f"{STORY}\n---\nI always work hard.\n---\n")
    assert answers == [STORY, "I always work hard."]
    session = run_mock_round(
        questions=BANK,
        stage="hiring_manager",
        ask=scripted_ask(answers),
        now=datetime.now(UTC),
        count=3,
        seed=1,
    )
    report = session.to_json()["report"]
    assert report["questions"] == 3 and report["answered"] == 2
    assert report["star_coverage"]["result"] == 1 and report["quantified_results"] == 1
    assert report["mean_structure_score"] == round(5 / 3, 2)
    # The seed picks the same three questions every time: the most common advice is pinned exactly.
    first = report["top_suggestions"][0]
    assert "add the detail that makes it credible" in first and first.endswith("(2 of 3 answers)")


IN_CHINESE = (
    "我们的模型上线以后，欺诈的误报突然多了很多。我负责找出原因：我比较了上线前后的特征分布，"
    "发现一个字段的单位变了。我修好了数据管道，又加了一个监控。两天以后，误报回到了原来的水平。"
)


def test_an_answer_the_review_cannot_read_is_counted_apart_and_left_out_of_the_mean() -> None:
    session = run_mock_round(
        questions=BANK,
        stage="hiring_manager",
        ask=scripted_ask([IN_CHINESE, STORY]),
        now=datetime.now(UTC),
        count=2,
        seed=1,
    )
    report = session.to_json()["report"]
    assert (report["answered"], report["unread"]) == (2, 1)
    assert report["mean_structure_score"] == 5.0  # the story's, not (0 + 5) / 2
    answer = session.to_json()["answers"][0]["review"]
    assert not answer["read"] and answer["suggestion_kinds"] == ["other_language"]


def test_a_scripted_mock_round_end_to_end_through_the_cli(capsys, tmp_path: Path) -> None:
    script = tmp_path / "answers.txt"
    script.write_text(f"{STORY}\n---\n{STORY}\n---\nI think maybe I am a team player.\n---\n{STORY}\n")
    args = ["--course", str(REPO), "practice", "mock", "hiring_manager", "--workspace", str(tmp_path)]
    assert main([*args, "--answers-file", str(script), "--seed", "5", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["answer"] for a in data["answers"]][:2] == [STORY, STORY]
    assert all(set(a["review"]["star"]) == {"situation", "task", "action", "result"} for a in data["answers"])
    assert Path(data["saved"]).is_file() and json.loads(Path(data["saved"]).read_text())["seed"] == 5
    assert main([*args, "--answers-file", str(script), "--seed", "6"]) == 0
    text = capsys.readouterr().out
    assert "mean structure score" in text and "saved to" in text

    assert main(["--course", str(REPO), "practice", "history", "--workspace", str(tmp_path), "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert len(history["sessions"]) == 2 and Path(history["plot"]).stat().st_size > 5000
