"""Does the automatic review read a written summary the way the rubric's mentor would?"""

from __future__ import annotations

import pytest

from mleprep.review.writeup_review import LONG_SENTENCE_WORDS, LineReading, review_writeup

RUBRIC = ("recommendation_first", "audience_terms", "drivers_not_causes", "limits_and_risks", "plain_writing")
DRIVERS = ("contract", "tenure")


def reading(text: str, line: str, drivers: tuple[str, ...] = ()) -> LineReading:
    (only,) = review_writeup(text, rubric=(line,), drivers=drivers).lines
    return only


# recommendation_first


def test_a_recommendation_in_the_first_sentence_is_seen() -> None:
    r = reading("We should call the top 300 customers each week. The model is good.", "recommendation_first")
    assert r.met
    assert r.evidence == "We should call the top 300 customers each week."


def test_a_recommendation_only_at_the_end_is_missed_and_the_advice_says_to_move_it() -> None:
    text = "The model ranks customers by risk. It is good. It uses tenure. I recommend using it."
    r = reading(text, "recommendation_first")
    assert not r.met
    assert r.evidence == "I recommend using it."
    assert "move" in r.advice


def test_ready_to_go_live_counts_as_a_recommendation() -> None:
    assert reading("Ready to go live next week.", "recommendation_first").met


def test_an_imperative_opening_counts_as_a_recommendation() -> None:
    assert reading("Deploy the model for the March campaign.", "recommendation_first").met


def test_a_recommendation_heading_over_a_bullet_is_read() -> None:
    r = reading("## Recommendation\n- Call the top 300 customers each week.", "recommendation_first")
    assert r.met
    assert r.evidence == "Call the top 300 customers each week."


def test_a_bold_recommendation_label_is_read() -> None:
    assert reading("**Recommendation:** call the top 300 customers.", "recommendation_first").met


def test_no_recommendation_at_all_asks_for_one_first() -> None:
    r = reading("The model ranks customers. It is fairly good.", "recommendation_first")
    assert not r.met and r.evidence is None
    assert "open with" in r.advice


# audience_terms


def test_a_metric_only_quality_statement_misses_audience_terms_with_it_as_evidence() -> None:
    r = reading("The model reaches a ROC AUC 0.85 on held-out data. It is good.", "audience_terms")
    assert not r.met
    assert r.evidence == "The model reaches a ROC AUC 0.85 on held-out data."


def test_a_count_of_the_teams_customers_meets_audience_terms() -> None:
    r = reading("The model is good. Of the 300 customers it flags, about 190 leave.", "audience_terms")
    assert r.met
    assert r.evidence == "Of the 300 customers it flags, about 190 leave."


def test_n_in_m_meets_audience_terms() -> None:
    assert reading("6 in 10 of the flagged customers leave.", "audience_terms").met


def test_no_numbers_at_all_misses_audience_terms_without_evidence() -> None:
    r = reading("The model is quite good.", "audience_terms")
    assert not r.met and r.evidence is None


# drivers_not_causes


def test_a_causal_claim_misses_even_though_drivers_are_named() -> None:
    r = reading("Month-to-month contracts cause churn.", "drivers_not_causes", DRIVERS)
    assert not r.met
    assert r.evidence == "Month-to-month contracts cause churn."
    assert "linked to" in r.advice


def test_linked_to_with_a_disclaimer_meets_drivers_not_causes() -> None:
    text = "Month-to-month contracts are linked to churn, which does not mean it causes it."
    r = reading(text, "drivers_not_causes", DRIVERS)
    assert r.met
    assert r.evidence == text


def test_with_drivers_vocabulary_a_driver_sentence_is_found() -> None:
    text = "The model works well. Customers with short tenure and monthly contracts leave more often."
    r = reading(text, "drivers_not_causes", DRIVERS)
    assert r.met
    assert r.evidence == "Customers with short tenure and monthly contracts leave more often."


def test_one_named_driver_under_a_drivers_heading_is_found() -> None:
    r = reading("### What drives it\n- tenure in months", "drivers_not_causes", DRIVERS)
    assert r.met and r.evidence == "tenure in months"


def test_without_drivers_vocabulary_driver_words_are_enough() -> None:
    assert reading("The strongest signal is how long someone has been a customer.", "drivers_not_causes").met


def test_no_drivers_named_misses_and_asks_for_some() -> None:
    r = reading("Call the top 300 customers.", "drivers_not_causes", DRIVERS)
    assert not r.met and r.evidence is None
    assert "name two or three" in r.advice


# limits_and_risks


def test_at_risk_customers_alone_is_not_a_risk_statement() -> None:
    assert not reading("The model lists at-risk customers for the call team.", "limits_and_risks").met


def test_going_stale_after_a_price_change_is_a_limit() -> None:
    r = reading("Use it now. It would go stale after a price change.", "limits_and_risks")
    assert r.met
    assert r.evidence == "It would go stale after a price change."


def test_a_limits_heading_counts_for_the_sentence_under_it() -> None:
    assert reading("## Limitations\n- only last year's data", "limits_and_risks").met


def test_who_it_could_treat_unfairly_is_a_risk() -> None:
    assert reading("It could be unfair to older customers.", "limits_and_risks").met


# plain_writing


def test_unexplained_jargon_fails_plain_writing() -> None:
    r = reading("The model has AUC 0.85.", "plain_writing")
    assert not r.met
    assert r.evidence == "The model has AUC 0.85."
    assert "'AUC'" in r.advice


def test_jargon_explained_in_brackets_passes_plain_writing() -> None:
    assert reading("AUC (how well it ranks leavers above stayers) is 0.85.", "plain_writing").met


def test_a_45_word_sentence_fails_plain_writing() -> None:
    long = " ".join(["customers"] * 44) + " leave."
    r = reading(long, "plain_writing")
    assert not r.met
    assert "45-word" in r.advice


def test_a_sentence_at_the_word_limit_passes_plain_writing() -> None:
    limit = " ".join(["customers"] * (LONG_SENTENCE_WORDS - 1)) + " leave."
    assert reading(limit, "plain_writing").met


def test_an_unrounded_number_fails_plain_writing() -> None:
    r = reading("About 0.84721 of the flagged customers leave.", "plain_writing")
    assert not r.met
    assert "round '0.84721'" in r.advice


def test_a_small_number_with_two_significant_figures_is_rounded_enough() -> None:
    assert reading("The average gap was 0.021, where 0 is perfect.", "plain_writing").met
    assert "round '0.0183'" in reading("The average gap was 0.0183 here.", "plain_writing").advice


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Revenue was 1,234.567 dollars.", "1,234.567"),
        ("Only 0.021% were missed.", None),
        ("It was 12.50% off.", "12.50%"),
    ],
)
def test_significant_figures_count_thousands_and_percentages(text: str, flagged: str | None) -> None:
    r = reading(text, "plain_writing")
    assert r.met is (flagged is None) and (flagged is None or f"round {flagged!r}" in r.advice), r


def test_an_unrounded_percentage_fails_plain_writing() -> None:
    assert not reading("About 63.27% of flagged customers leave.", "plain_writing").met


def test_short_plain_rounded_sentences_pass_plain_writing() -> None:
    r = reading("Call the top 300 customers. About 63% of them leave.", "plain_writing")
    assert r.met and r.evidence is None


# the review as a whole


def test_readings_come_in_rubric_order() -> None:
    review = review_writeup("Call them.", rubric=("plain_writing", "recommendation_first"))
    assert [r.line for r in review.lines] == ["plain_writing", "recommendation_first"]


def test_a_good_markdown_writeup_meets_every_line() -> None:
    text = (
        "## Recommendation\n"
        "- Call the top 300 customers each week.\n\n"
        "## How good it is\n"
        "Of the 300 customers it flags, about 190 leave.\n\n"
        "## What it relies on\n"
        "**Drivers:** short tenure and monthly contracts are linked to leaving, "
        "which does not mean they cause it.\n\n"
        "## Limits\n"
        "It would go stale after a price change."
    )
    review = review_writeup(text, rubric=RUBRIC, drivers=DRIVERS)
    assert {r.line: r.met for r in review.lines} == dict.fromkeys(RUBRIC, True)


def test_note_lists_met_lines_with_plus_and_missed_lines_with_minus() -> None:
    review = review_writeup(
        "We recommend calling the top 300. It has AUC 0.85.",
        rubric=("recommendation_first", "plain_writing"),
    )
    note = review.note("summary")
    assert note.startswith("summary (automatic review, 1 of 2 rubric lines seen):")
    assert "+ recommendation first: the recommendation comes first." in note
    assert "- plain writing: explain or drop 'AUC'" in note


def test_to_json_carries_words_and_every_reading() -> None:
    data = review_writeup("Call the top 300.", rubric=("recommendation_first",)).to_json()
    assert data["words"] == 4
    assert data["lines"] == [
        {
            "line": "recommendation_first",
            "met": True,
            "evidence": "Call the top 300.",
            "advice": "the recommendation comes first.",
        }
    ]
