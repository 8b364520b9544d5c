"""A timed mock round: questions picked across competencies, an answer each, a report, a saved session.

How answers are collected is passed in (`ask`): typed at a terminal against a countdown
(mock_terminal.py) or read from a file for scripted use. The clock is passed in too.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from mleprep.course.question_bank import Question
from mleprep.review.answer_review import Review, review_answer
from mleprep.review.star_reader import PARTS

# A recruiter screen is 15-20 minutes, so about five questions; a hiring-manager round takes four stories.
DEFAULT_COUNT = {"recruiter_screen": 5, "hiring_manager": 4}
SESSIONS_DIR = Path("practice") / "sessions"
# ask(question, number, total) -> (answer text, seconds taken)
Ask = Callable[[Question, int, int], tuple[str, float]]


def pick_questions(questions: list[Question], *, stage: str, count: int, seed: int) -> list[Question]:
    """`count` questions of `stage`, each from a different competency while competencies last."""
    rng = random.Random(seed)
    pool = [q for q in questions if q.stage == stage]
    if not pool:
        raise ValueError(f"the bank has no {stage} questions")
    rng.shuffle(pool)
    picked: list[Question] = []
    while len(picked) < min(count, len(pool)):
        used = {q.competency for q in picked}
        fresh = [q for q in pool if q not in picked and q.competency not in used]
        picked.append((fresh or [q for q in pool if q not in picked])[0])
    return picked


@dataclass(frozen=True)
class MockAnswer:
    question: Question
    answer: str
    seconds: float

    @cached_property
    def review(self) -> Review:
        # The session is written to disk and printed: review once.
        return review_answer(self.answer, self.question)

    def to_json(self) -> dict[str, Any]:
        review = self.review
        return {
            "question": self.question.id,
            "competency": self.question.competency,
            "prompt": self.question.prompt,
            "answer": self.answer,
            "seconds": round(self.seconds, 1),
            "time_budget_s": self.question.time_budget_s,
            "over_time": self.seconds > self.question.time_budget_s,
            "review": review.to_json(),
        }


@dataclass(frozen=True)
class MockSession:
    stage: str
    started_at: datetime
    answers: tuple[MockAnswer, ...]
    seed: int

    def to_json(self) -> dict[str, Any]:
        answers = [a.to_json() for a in self.answers]
        # An answer the review could not read (another script) has no score to average in.
        scores = [a["review"]["structure_score"] for a in answers if a["review"]["read"]]
        return {
            "stage": self.stage,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "seed": self.seed,
            "answers": answers,
            "report": {
                "questions": len(answers),
                "answered": sum(bool(a["answer"].strip()) for a in answers),
                "unread": sum(not a["review"]["read"] for a in answers),
                "over_time": sum(a["over_time"] for a in answers),
                "mean_structure_score": round(sum(scores) / len(scores), 2) if scores else 0.0,
                "star_coverage": {part: sum(a["review"]["star"][part] for a in answers) for part in PARTS},
                "quantified_results": sum(a["review"]["quantified_result"] for a in answers),
                "words": sum(a["review"]["words"] for a in answers),
                "top_suggestions": _top_suggestions(answers),
            },
        }


def _top_suggestions(answers: list[dict[str, Any]]) -> list[str]:
    """The advice that recurs most across the round's answers, with how often it came up."""
    counts: dict[str, int] = {}
    example: dict[str, str] = {}
    for a in answers:
        review = a["review"]
        for kind, tip in zip(review["suggestion_kinds"], review["suggestions"], strict=True):
            counts[kind] = counts.get(kind, 0) + 1
            example.setdefault(kind, tip)
    ranked = sorted(counts, key=lambda kind: -counts[kind])[:3]
    return [f"{example[kind]} ({counts[kind]} of {len(answers)} answers)" for kind in ranked]


def run_mock_round(
    *, questions: list[Question], stage: str, ask: Ask, now: datetime, count: int | None = None, seed: int
) -> MockSession:
    """Ask the picked questions one by one through `ask` and collect the answers."""
    picked = pick_questions(questions, stage=stage, count=count or DEFAULT_COUNT[stage], seed=seed)
    answers = []
    for number, question in enumerate(picked, start=1):
        text, seconds = ask(question, number, len(picked))
        answers.append(MockAnswer(question, text, seconds))
    return MockSession(stage, now, tuple(answers), seed)


def save_session(session: MockSession, *, workspace: Path) -> Path:
    folder = workspace / SESSIONS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stamp = session.started_at.strftime("%Y%m%dT%H%M%S")
    path = folder / f"{stamp}-{session.stage}.json"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stamp}-{session.stage}-{n}.json"
    path.write_text(json.dumps(session.to_json(), indent=2) + "\n", encoding="utf-8")
    return path


def scripted_answers(text: str) -> list[str]:
    """Answers from a file: one per block, blocks separated by a line of three dashes."""
    blocks, current = [], []
    for line in text.splitlines():
        if line.strip() == "---":
            blocks.append("\n".join(current).strip())
            current = []
        else:
            current.append(line)
    blocks.append("\n".join(current).strip())
    return [b for b in blocks if b] if any(blocks) else []


def scripted_ask(answers: list[str]) -> Ask:
    """Answers from a file, in order; each takes the time it would take to say (missing ones are blank)."""
    from mleprep.review.answer_review import WORDS_PER_MINUTE

    def ask(question: Question, number: int, total: int) -> tuple[str, float]:
        text = answers[number - 1] if number <= len(answers) else ""
        return text, len(text.split()) / WORDS_PER_MINUTE * 60

    return ask
