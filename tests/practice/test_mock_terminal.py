"""Does the terminal round show a countdown on every line and say when time is up?"""

from __future__ import annotations

import io

from mleprep.course.question_bank import load_bank
from mleprep.practice.mock_terminal import terminal_ask
from tests.conftest import REPO

BANK = load_bank(REPO / "interview_guide")


def test_the_terminal_shows_a_countdown_and_says_when_time_is_up() -> None:
    now = [0.0]
    typed = iter(["At my last job the data broke.", "I fixed it.", "It works now.", ""])
    prompts: list[str] = []

    def read_line(prompt: str) -> str:
        prompts.append(prompt)
        now[0] += 70  # each line takes 70 s to type
        return next(typed)

    out = io.StringIO()
    question = next(q for q in BANK if q.time_budget_s == 180)
    text, seconds = terminal_ask(read_line=read_line, clock=lambda: now[0], out=out)(question, 1, 4)
    assert prompts[:3] == ["[3m 00s left] > ", "[1m 50s left] > ", "[40s left] > "]
    assert prompts[3] == "[30s over] > " and "Time is up" in out.getvalue()
    assert text == "At my last job the data broke.\nI fixed it.\nIt works now." and seconds == 280
    assert question.prompt in out.getvalue() and "Question 1 of 4" in out.getvalue()
