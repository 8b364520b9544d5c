"""Does every written answer of the behavioural assignment get a note, and an unanswered one say so?"""

from __future__ import annotations

import nbformat
import pytest

from mleprep.core.notebook_cells import read_notebook
from mleprep.course.root import Course
from mleprep.review.answer_review import review_answer
from mleprep.review.written_answers import reviewed_answers, written_answer_notes
from tests.conftest import REPO, notebook_with

BEHAVIOURAL = Course(REPO).assignment("behavioural")
REFERENCE = REPO / "source" / "behavioural" / "behavioural.ipynb"
RELEASED = REPO / "assignments" / "behavioural" / "behavioural.ipynb"
PART_IDS = [m.id for m in BEHAVIOURAL.manual]
STORY_PARTS = ["answer_broken_data", "answer_explain", "answer_failure"]


def with_answers(**answers):
    return notebook_with(answers, base=REFERENCE)


def notes_by_part(nb):
    notes = written_answer_notes(nb, BEHAVIOURAL, REPO)
    return {note.split(" ", 1)[0].rstrip(":"): note for note in notes}


def test_every_manual_part_is_reviewed_against_the_question_it_names():
    reviewed = reviewed_answers(read_notebook(REFERENCE), BEHAVIOURAL, REPO)
    assert list(reviewed) == PART_IDS
    assert {pid: q.id for pid, (q, _) in reviewed.items()} == {m.id: m.question for m in BEHAVIOURAL.manual}
    assert all(review is not None for _, review in reviewed.values())


def test_the_review_is_of_the_answer_text_for_its_question():
    nb = read_notebook(REFERENCE)
    question, review = reviewed_answers(nb, BEHAVIOURAL, REPO)["answer_failure"]
    text = next(
        "".join(c["source"])
        for c in nb["cells"]
        if c["metadata"]["nbgrader"].get("grade_id") == "answer_failure"
    )
    assert review == review_answer(text.strip(), question)


def test_a_notebook_node_is_reviewed_like_plain_json():
    as_json = written_answer_notes(read_notebook(REFERENCE), BEHAVIOURAL, REPO)
    as_node = written_answer_notes(nbformat.read(REFERENCE, as_version=4), BEHAVIOURAL, REPO)
    assert as_node == as_json and len(as_json) == len(PART_IDS)


def test_the_released_notebook_is_not_answered_anywhere():
    notes = written_answer_notes(read_notebook(RELEASED), BEHAVIOURAL, REPO)
    assert notes == [f"{pid}: not answered." for pid in PART_IDS]


@pytest.mark.parametrize("left", ["YOUR ANSWER HERE", "\nYOUR ANSWER HERE\n  ", "", "   \n"])
def test_an_answer_still_as_released_is_not_answered(left):
    nb = with_answers(answer_salary=left)
    question, review = reviewed_answers(nb, BEHAVIOURAL, REPO)["answer_salary"]
    assert question.id == "rs-salary-expectations" and review is None
    notes = notes_by_part(nb)
    assert notes["answer_salary"] == "answer_salary: not answered."
    assert all("(automatic feedback)" in notes[pid] for pid in PART_IDS if pid != "answer_salary")


def test_an_answer_cell_deleted_from_the_notebook_is_not_answered():
    nb = read_notebook(REFERENCE)
    nb["cells"] = [
        c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") != "answer_explain"
    ]
    assert notes_by_part(nb)["answer_explain"] == "answer_explain: not answered."


def test_only_story_answers_report_their_star_parts():
    notes = notes_by_part(read_notebook(REFERENCE))
    for pid in PART_IDS:
        assert ("STAR parts found:" in notes[pid]) == (pid in STORY_PARTS), notes[pid]


def test_a_story_note_gives_parts_number_length_and_time_budget():
    story = (
        "Last year our pipeline broke every week. My job was to make it reliable. "
        "I wrote data checks for every input. As a result, failed runs fell by 12 percent."
    )
    note = notes_by_part(with_answers(answer_failure=story))["answer_failure"]
    assert note.startswith(
        "answer_failure (automatic feedback): STAR parts found: situation, task, action, result; "
        "a number in the result; 30 words, about 12 s of 180 s."
    )


def test_a_story_without_structure_says_none_were_found_and_gives_advice():
    nb = with_answers(answer_broken_data="I always try to work hard.")
    _, review = reviewed_answers(nb, BEHAVIOURAL, REPO)["answer_broken_data"]
    note = notes_by_part(nb)["answer_broken_data"]
    assert "STAR parts found: none; no number in the result; 6 words" in note
    assert len(review.suggestions) > 3, "the note keeps only the first three pieces of advice"
    assert note.endswith(" ".join(review.suggestions[:3]))
    assert not any(advice in note for advice in review.suggestions[3:])


def test_an_assignment_without_written_questions_gets_no_notes(tmp_path):
    churn = Course(REPO).assignment("churn")
    nb = read_notebook(REPO / "source" / "churn" / "churn.ipynb")
    # No question is named, so the question bank is not even read.
    assert reviewed_answers(nb, churn, tmp_path) == {}
    assert written_answer_notes(nb, churn, tmp_path) == []


def test_without_a_question_bank_the_note_says_feedback_is_unavailable(tmp_path):
    notes = written_answer_notes(read_notebook(REFERENCE), BEHAVIOURAL, tmp_path)
    assert len(notes) == 1
    assert notes[0].startswith("automatic feedback on written answers unavailable: ")
    assert str(tmp_path / "interview_guide") in notes[0]


def test_a_story_written_in_another_script_gets_the_unread_note_not_parts_or_length():
    text = "我修好了数据管道，又加了一个监控。两天以后，误报回到了原来的水平。我负责找出原因。"
    note = notes_by_part(with_answers(answer_failure=text))["answer_failure"]
    assert "reads English" in note and "STAR parts" not in note and "words" not in note, note
