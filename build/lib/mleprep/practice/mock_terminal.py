"""Answering a mock round at a terminal: the question, a countdown on every line, an empty line to finish."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from mleprep.core.durations import format_duration
from mleprep.course.question_bank import Question
from mleprep.practice.mock_round import Ask


def terminal_ask(*, read_line: Callable[[str], str], clock: Callable[[], float], out: TextIO) -> Ask:
    """An `ask` for run_mock_round that types the answer at a prompt showing the time left.

    `read_line(prompt)` is `input` at a terminal; `clock` is a monotonic clock in seconds.
    """

    def ask(question: Question, number: int, total: int) -> tuple[str, float]:
        budget = question.time_budget_s
        out.write(
            f"\nQuestion {number} of {total} ({question.competency.replace('_', ' ')}, "
            f"{format_duration(budget)})\n\n  {question.prompt}\n\n"
            "Answer as you would speak it. An empty line ends your answer.\n"
        )
        out.flush()
        started = clock()
        lines: list[str] = []
        warned = False
        while True:
            left = budget - (clock() - started)
            if left <= 0 and not warned:
                out.write("Time is up: finish your sentence and press Enter on an empty line.\n")
                warned = True
            label = f"{format_duration(left)} left" if left > 0 else f"{format_duration(-left)} over"
            try:
                line = read_line(f"[{label}] > ")
            except EOFError:
                break
            if not line.strip():
                break
            lines.append(line)
        return "\n".join(lines), clock() - started

    return ask
