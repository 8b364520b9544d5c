"""Automatic feedback on written answers (manual parts that name a question of the interview guide).

A mentor still grades them on their rubric; this adds what `mleprep practice review` sees, so the
mentor and the candidate both start from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mleprep.practice.answer_review import Review, review_answer
from mleprep.practice.question_bank import Question, find_question, load_bank
from mleprep.spec import Assignment, SpecError

GUIDE_DIR = "interview_guide"
UNANSWERED = ("", "YOUR ANSWER HERE")


def answer_texts(nb: Any) -> dict[str, str]:
    """The text of every answer cell of a notebook, by grade_id."""
    texts = {}
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and "grade_id" in meta:
            source = cell.get("source", "")
            texts[meta["grade_id"]] = source if isinstance(source, str) else "".join(source)
    return texts


def reviewed_answers(
    nb: Any, assignment: Assignment, course_root: Path
) -> dict[str, tuple[Question, Review | None]]:
    """(question, review) for each manual part that names a question; review None when unanswered."""
    parts = [m for m in assignment.manual if m.question]
    if not parts:
        return {}
    bank = load_bank(course_root / GUIDE_DIR)
    texts = answer_texts(nb)
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
