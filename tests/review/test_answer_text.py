"""Answers as people paste them into the review: the shapes found in a fifth set of published answers
(issue 14), each pinned with an answer the team wrote in that shape."""

from __future__ import annotations

from mleprep.review.answer_review import review_answer
from mleprep.review.answer_text import answer_sentences


def labelled(text: str) -> list[tuple[str, str | None]]:
    return [(s.text, s.label) for s in answer_sentences(text)]


def test_a_letter_with_the_part_named_in_brackets_is_a_label() -> None:
    text = (
        "S (Situation): Our nightly forecast job ran for nine hours.\n"
        "T (Task): I set out to get it under two.\n"
        "A (Action): I profiled it and cached the joins.\n"
        "R (Result): It now runs in 80 minutes."
    )
    assert [label for _, label in labelled(text)] == ["situation", "task", "action", "result"]
    assert labelled(text)[0][0] == "Our nightly forecast job ran for nine hours."


def test_a_story_quoted_as_a_markdown_blockquote_keeps_its_bullets_and_headings() -> None:
    text = (
        '> "The hardest part was the duplicate customers.\n'
        ">\n"
        "> **The Problem:**\n"
        "> - I first merged on email alone\n"
        "> - Half the merges were wrong\n"
        ">\n"
        "> **The Solution:**\n"
        "> - Matched on email and postcode together\n"
    )
    assert labelled(text) == [
        ("The hardest part was the duplicate customers.", None),
        ("I first merged on email alone", "task"),
        ("Half the merges were wrong", "task"),
        ("Matched on email and postcode together", "action"),
    ]


def test_a_numbered_list_of_quoted_star_lines_is_read_by_its_labels() -> None:
    text = (
        "   1. > Situation: Our checkout team shipped a fraud rule that blocked good customers.\n"
        "   2. > Task: The goal of our team was to cut false blocks without letting fraud through.\n"
        "   3. > Action: Our team retrained the scorer on six months of disputes.\n"
        "   4. > Result: The project was a success and false blocks fell sharply."
    )
    assert [label for _, label in labelled(text)] == ["situation", "task", "action", "result"]
    review = review_answer(text)
    assert all(review.star.values()), review.to_json()["sentences"]


def test_a_section_of_lessons_ends_the_last_label() -> None:
    text = (
        "Result: The dashboard went live in March.\n\n"
        "Lessons learned:\n"
        "- Ask the users before building\n"
        "- Keep the first version small"
    )
    assert labelled(text) == [
        ("The dashboard went live in March.", "result"),
        ("Ask the users before building", None),
        ("Keep the first version small", None),
    ]


def test_a_label_may_carry_a_note_in_brackets_and_people_name_parts_their_own_way() -> None:
    text = (
        "What Happened: Our search ranking model dropped clicks after a release.\n"
        "Approach (1 minute): I compared the two versions on last week's queries.\n"
        "The Resolution: We shipped a fix the next day."
    )
    assert [label for _, label in labelled(text)] == ["situation", "action", "result"]


def test_a_company_suffix_does_not_end_a_sentence_and_curly_apostrophes_read_plain() -> None:
    text = "I interned at Acme Analytics Pvt. Ltd., where I’ve built dashboards."
    assert labelled(text) == [("I interned at Acme Analytics Pvt. Ltd., where I've built dashboards.", None)]


def test_a_table_whose_header_names_parts_labels_each_row_by_column() -> None:
    text = (
        "| Challenge | Solution |\n|---|---|\n"
        "| Labels arrived a week late | Trained on a proxy label first |\n"
        "| Too few positives<br>in spring | Pooled two years |\n"
    )
    assert labelled(text) == [
        ("Labels arrived a week late", "task"),
        ("Trained on a proxy label first", "action"),
        ("Too few positives in spring", "task"),
        ("Pooled two years", "action"),
    ]


def test_problems_and_challenges_in_the_plural_are_labels_too() -> None:
    assert labelled("Problems: The vendor changed its file format twice.") == [
        ("The vendor changed its file format twice.", "task")
    ]


def test_a_full_width_colon_and_a_letters_bare_hyphen_mark_labels_but_a_word_hyphen_does_not() -> None:
    text = "S\uff1aOur feed ranked stale stories first\nT-Fix the ranking before launch.\nA-I retrained it."
    assert [label for _, label in labelled(text)] == ["situation", "task", "action"]
    assert labelled("A-list clients asked for it.\nTask-Oriented teams ship.") == [
        ("A-list clients asked for it.", None),
        ("Task-Oriented teams ship.", None),
    ]


def test_the_quote_marks_around_a_quoted_answer_do_not_stay_on_its_sentences() -> None:
    text = '"During my last project, I led the migration.\nIt finished a week early."'
    assert [t for t, _ in labelled(text)] == [
        "During my last project, I led the migration.",
        "It finished a week early.",
    ]
    assert labelled('"Quoted" words open this one.') == [('"Quoted" words open this one.', None)]


def test_labels_inline_in_one_paragraph_label_the_sentences_after_them() -> None:
    text = (
        "Situation: Our nightly churn scores arrived late. Task: As the pipeline owner, I needed them by "
        "six. Action: I split the job by region. Result: Scores now land at five. Q: and then? A: nothing."
    )
    assert labelled(text) == [
        ("Our nightly churn scores arrived late.", "situation"),
        ("As the pipeline owner, I needed them by six.", "task"),
        ("I split the job by region.", "action"),
        ("Scores now land at five.", "result"),
        ("Q: and then?", "result"),  # one letter and a colon inside a paragraph is no label
        ("A: nothing.", "result"),
    ]


def test_a_lower_case_i_is_the_speaker():
    assert [
        s.text for s in answer_sentences("i was the lead, so i'd to plan it, i.e. the whole sprint.")
    ] == ["I was the lead, so I'd to plan it, i.e. the whole sprint."]
