"""Automatic feedback on written answers (manual parts that name a question of the interview guide).

A mentor still grades them on their rubric; this adds what `mleprep practice review` sees, so the
mentor and the candidate both start from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mleprep.core.defaults import GUIDE_DIR
from mleprep.core.notebook_cells import answer_sources
from mleprep.core.toml_data import SpecError
from mleprep.course.question_bank import Question, find_question, load_bank
from mleprep.course.spec import Assignment
from mleprep.review.answer_review import Review, review_answer
from mleprep.review.writeup_review import WriteupReview, review_writeup

UNANSWERED = ("", "YOUR ANSWER HERE")


def reviewed_answers(
    nb: Any, assignment: Assignment, course_root: Path
) -> dict[str, tuple[Question, Review | None]]:
    """(question, review) for each manual part that names a question; review None when unanswered."""
    parts = [m for m in assignment.manual if m.question]
    if not parts:
        return {}
    bank = load_bank(course_root / GUIDE_DIR)
    texts = answer_sources(nb)
    reviewed = {}
    for part in parts:
        assert part.question is not None
        question = find_question(bank, part.question)
        text = texts.get(part.id, "").strip()
        reviewed[part.id] = (question, None if text in UNANSWERED else review_answer(text, question))
    return reviewed


def written_answer_notes(nb: Any, assignment: Assignment, course_root: Path) -> list[str]:
    """One note per written answer: the STAR parts found, a number in the result, length, advice."""
    try:
        reviewed = reviewed_answers(nb, assignment, course_root)
    except SpecError as exc:
        return [f"automatic feedback on written answers unavailable: {exc}"]
    notes = []
    for part_id, (question, review) in reviewed.items():
        if review is None:
            notes.append(f"{part_id}: not answered.")
            continue
        if not review.read:
            notes.append(f"{part_id} (automatic feedback): {' '.join(review.suggestions)}")
            continue
        found = ", ".join(p for p, ok in review.star.items() if ok) or "none"
        structure = (
            f"STAR parts found: {found}; "
            f"{'a number in the result' if review.quantified_result else 'no number in the result'}; "
            if question.answer_format == "story"
            else ""
        )
        advice = " ".join(review.suggestions[:3])
        notes.append(
            f"{part_id} (automatic feedback): {structure}{review.words} words, about "
            f"{review.speaking_time_s:.0f} s of {question.time_budget_s} s."
            + (f" {advice}" if advice else "")
        )
    return notes


def reviewed_writeups(nb: Any, assignment: Assignment) -> dict[str, WriteupReview]:
    """The automatic review of each written part that names rubric lines ([[manual]] rubric);
    unanswered parts are left out (there is nothing to read)."""
    texts = answer_sources(nb)
    reviews = {}
    for part in assignment.manual:
        text = texts.get(part.id, "").strip()
        if part.rubric and text not in UNANSWERED:
            reviews[part.id] = review_writeup(text, rubric=part.rubric, drivers=part.drivers)
    return reviews
