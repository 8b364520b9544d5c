"""Does a write-up, pasted the way people paste it, come apart into the sentences a reader sees?"""

from __future__ import annotations

from mleprep.review.writeup_text import Sentence, sentences


def texts(text: str) -> list[str]:
    return [s.text for s in sentences(text)]


def test_plain_prose_splits_at_full_stops() -> None:
    assert texts("The model works. Call the top 300 customers. It will go stale.") == [
        "The model works.",
        "Call the top 300 customers.",
        "It will go stale.",
    ]


def test_a_decimal_does_not_end_a_sentence() -> None:
    assert texts("The model scores 0.85 on held-out data. That is good.") == [
        "The model scores 0.85 on held-out data.",
        "That is good.",
    ]


def test_a_number_can_start_the_next_sentence() -> None:
    assert texts("We looked at churn. 190 of the 300 flagged customers left.") == [
        "We looked at churn.",
        "190 of the 300 flagged customers left.",
    ]


def test_eg_ie_and_vs_do_not_end_a_sentence() -> None:
    text = (
        "Some signals, e.g. Contract type, matter. It beats the rule vs. The old list, i.e. More calls land."
    )
    assert len(sentences(text)) == 2


def test_question_and_exclamation_marks_end_sentences() -> None:
    assert texts("Should we use it? Yes! Start on Monday.") == [
        "Should we use it?",
        "Yes!",
        "Start on Monday.",
    ]


def test_a_markdown_heading_is_not_a_sentence_but_labels_the_ones_below() -> None:
    got = sentences("## Recommendation\nCall the top 300 customers each week.")
    assert got == [Sentence("Call the top 300 customers each week.", "recommendation", 0)]


def test_the_heading_changes_at_the_next_heading() -> None:
    got = sentences("# Summary\nIt works.\n\n### Limits and risks\nIt goes stale.")
    assert [(s.text, s.heading) for s in got] == [
        ("It works.", "summary"),
        ("It goes stale.", "limits and risks"),
    ]


def test_a_short_line_ending_in_a_colon_is_a_heading() -> None:
    got = sentences("What to do:\nCall them on Monday.")
    assert [(s.text, s.heading) for s in got] == [("Call them on Monday.", "what to do")]


def test_a_bold_line_standing_alone_is_a_heading() -> None:
    got = sentences("**Main risks**\nThe model goes stale after a price change.")
    assert [(s.text, s.heading) for s in got] == [
        ("The model goes stale after a price change.", "main risks")
    ]


def test_each_bullet_is_its_own_sentence_without_its_marker() -> None:
    assert texts("- call the top 300\n* retrain monthly\n+ watch new customers\n\u2022 check fairness") == [
        "call the top 300",
        "retrain monthly",
        "watch new customers",
        "check fairness",
    ]


def test_numbered_items_lose_their_numbers() -> None:
    assert texts("1. Call the top 300.\n2) Retrain every month.") == [
        "Call the top 300.",
        "Retrain every month.",
    ]


def test_a_bullet_with_two_sentences_gives_two() -> None:
    assert texts("- It works. It goes stale after a price change.") == [
        "It works.",
        "It goes stale after a price change.",
    ]


def test_a_plain_inline_label_becomes_the_heading_of_its_line() -> None:
    got = sentences("Recommendation: call the top 300 customers.")
    assert [(s.text, s.heading) for s in got] == [("call the top 300 customers.", "recommendation")]


def test_an_inline_label_in_bold_before_the_colon_becomes_the_heading() -> None:
    got = sentences("**Bottom line**: Call the top 300 customers.")
    assert [(s.text, s.heading) for s in got] == [("Call the top 300 customers.", "bottom line")]


def test_an_inline_label_with_the_colon_inside_the_bold_becomes_the_heading() -> None:
    got = sentences("**Bottom line:** Call the top 300 customers.")
    assert [(s.text, s.heading) for s in got] == [("Call the top 300 customers.", "bottom line")]


def test_bold_and_code_marks_are_dropped_from_the_text() -> None:
    assert texts("The **strongest** signal is `contract` length.") == [
        "The strongest signal is contract length."
    ]


def test_lines_of_one_paragraph_join_into_one_sentence() -> None:
    assert texts("The model ranks customers\nby how likely they are to leave.") == [
        "The model ranks customers by how likely they are to leave."
    ]


def test_windows_line_endings_are_read() -> None:
    assert texts("## Risks\r\nIt goes stale.\r\n\r\nRetrain monthly.") == [
        "It goes stale.",
        "Retrain monthly.",
    ]


def test_sentences_are_numbered_in_order_across_blocks() -> None:
    got = sentences("# A\nOne. Two.\n\n- three\n\nFour.")
    assert [s.index for s in got] == [0, 1, 2, 3]


def test_lines_without_words_are_dropped() -> None:
    assert texts("---\n\n***\n\nIt works.") == ["It works."]


def test_empty_text_has_no_sentences() -> None:
    assert sentences("") == []
    assert sentences("  \n\n ") == []


def test_words_count_numbers_and_hyphenated_words_once() -> None:
    assert Sentence("Month-to-month customers leave 2.5 times as often.", "", 0).words == 7
