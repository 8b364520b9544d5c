"""Does the reader weigh each sentence of a story for the STAR part it is about?

tests/review/test_answer_review.py pins whole answers; this pins the sentence-level reading.
"""

from __future__ import annotations

import pytest

from mleprep.review.star_reader import (
    PARTS,
    action_actors,
    quantified_result,
    read_sentences,
    split_sentences,
    star_parts,
)

STORY = (
    "Last year our pipeline broke every week. My job was to make it reliable. "
    "I wrote data checks for every input. As a result, failed runs fell by 12 percent."
)


def parts_of(text):
    return [s.parts for s in read_sentences(text)]


def test_sentences_split_at_a_stop_before_a_capital_digit_or_quote():
    text = 'First one.  Second\n one! Third? "Quoted" fourth. 2020 was odd.'
    assert split_sentences(text) == [
        "First one.",
        "Second one!",
        "Third?",
        '"Quoted" fourth.',
        "2020 was odd.",
    ]


def test_abbreviations_and_decimals_do_not_end_a_sentence():
    assert split_sentences("We used e.g. lasso. The AUC was 0.82 at launch.") == [
        "We used e.g. lasso.",
        "The AUC was 0.82 at launch.",
    ]


def test_blank_text_has_no_sentences():
    assert split_sentences(" \n\t ") == [] and read_sentences("") == []


def test_each_sentence_of_a_story_is_read_as_its_part():
    assert parts_of(STORY) == [("situation",), ("task",), ("action",), ("result",)]


def test_every_sentence_keeps_its_text_and_a_score_for_each_part():
    sentences = read_sentences(STORY)
    assert [s.text for s in sentences] == split_sentences(STORY)
    assert all(set(s.scores) == set(PARTS) for s in sentences)
    assert sentences[1].scores["task"] > sentences[1].scores["action"]


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        ("I was asked to rebuild the forecast.", "task"),
        ("I had to decide which model to keep.", "task"),
        ("I built a dashboard for the buyers.", "action"),
        ("I then proposed a simpler model.", "action"),
        ("In the end the launch was approved.", "result"),
    ],
)
def test_what_a_sentence_does_decides_its_part(sentence, part):
    (read,) = read_sentences(f"Last year our team had a slow model. {sentence}")[1:]
    assert part in read.parts, read.scores


def test_removing_rows_yourself_is_an_action_not_an_outcome():
    assert parts_of("Last year our pipeline broke. I fixed it. I reduced the rows.")[2] == ("action",)


def test_a_reduction_by_how_much_is_an_outcome():
    assert parts_of("Last year our pipeline broke. I fixed it. We reduced latency by half.")[2] == ("result",)


def test_a_habitual_claim_about_oneself_is_no_part_of_a_story():
    (sentence,) = read_sentences("I always try to work hard.")
    assert sentence.habitual and sentence.parts == ()
    assert set(sentence.scores.values()) == {0.0}


def test_what_one_would_do_is_hypothetical_and_not_a_step_taken():
    # Interviewers ask what you did: "I would explain" is advice to oneself, not a story's action.
    (sentence,) = read_sentences("I would explain the precision and recall to them.")
    assert sentence.hypothetical and not sentence.habitual
    assert sentence.parts == ()


def test_what_one_would_have_done_is_not_hypothetical():
    (sentence,) = read_sentences("I would have shipped it sooner.")
    assert not sentence.hypothetical


def test_a_sentence_about_nothing_in_particular_has_no_part():
    assert parts_of("Last year our pipeline broke. I fixed it. Nothing else changed.")[2] == ()


def test_star_parts_says_which_parts_some_sentence_is_about():
    found = star_parts(read_sentences("Last year our pipeline broke. I rewrote the loader."))
    assert list(found) == list(PARTS)
    assert found == {"situation": True, "task": False, "action": True, "result": False}


def test_a_result_with_a_number_is_quantified():
    assert quantified_result(read_sentences(STORY))


@pytest.mark.parametrize("amount", ["by half", "twice as fast", "by 30%", "from 9 to 3 hours"])
def test_numbers_written_as_words_or_symbols_quantify_a_result(amount):
    story = f"Last year our pipeline broke. I fixed it. As a result, the runs improved {amount}."
    assert quantified_result(read_sentences(story))


def test_an_ordinal_is_not_a_quantity():
    story = "Last year our pipeline broke. I fixed it. In the end it finished first in the review."
    sentences = read_sentences(story)
    assert star_parts(sentences)["result"] and not quantified_result(sentences)


def test_a_number_outside_the_result_does_not_quantify_it():
    sentences = read_sentences(
        "At a company with 300 stores, our model broke. I fixed it. In the end it shipped."
    )
    assert star_parts(sentences)["result"] and not quantified_result(sentences)


def test_a_change_told_before_the_first_step_is_the_problem_and_does_not_quantify_the_outcome():
    sentences = read_sentences(
        "Last spring our churn rose by 12 percent in a month. I rebuilt the retention model with the "
        "support team. The account managers were happy with the new call list."
    )
    assert star_parts(sentences)["result"] and not quantified_result(sentences)


# Asked why they are leaving or who they are, people tell their career: jobs held, a degree, a move.
CAREER = (
    "I have spent four years at a logistics company, where I built the demand forecasts. Last spring I "
    "finished a part-time master's in statistics. I now want a team that puts models into production, "
    "which my current employer does not do."
)


def test_an_answer_to_a_career_question_is_background_and_tells_no_part() -> None:
    sentences = read_sentences(CAREER)
    assert star_parts(sentences)["action"], "read alone, a career step looks like a step of a story"
    assert not any(star_parts(sentences, background=True).values())


@pytest.mark.parametrize(
    "text",
    [
        "I joined a bank as an analyst three years ago. For example, last year our fraud rules flagged one "
        "payment in five. I rebuilt them as a gradient-boosted model and tuned its threshold with the fraud "
        "team. False alarms fell by half.",
        "I left because my project was cancelled. When the funding stopped, I asked my manager to move me "
        "to the pricing team, and I rewrote their demand model in my first month. The new model cut "
        "stock-outs by 12 percent, but the team was closed in the spring anyway.",
        "I have built forecasting models for six years. Example: our warehouse ran out of stock every "
        "December. I added holiday features to the forecast. Stock-outs fell by a third.",
        "I want to own models in production. For my last client project, I moved the scoring job to a "
        "queue. Its failures dropped to zero.",
    ],
    ids=["marked example", "two steps told", "Example:", "for my project"],
)
def test_an_episode_told_in_answer_to_a_career_question_keeps_its_parts(text: str) -> None:
    sentences = read_sentences(text)
    parts = star_parts(sentences, background=True)
    assert parts == star_parts(sentences) and parts["action"] and parts["result"]


def test_a_career_told_in_the_past_is_background_until_it_tells_how_an_episode_ended() -> None:
    text = (
        "I spent three years at a retail startup, where I built the pricing service and ran its on-call "
        "rota. Before that, I rewrote the payments system of a printing firm and integrated it with their "
        "CRM. Most recently, I developed a booking API on AWS Lambda."
    )
    sentences = read_sentences(text)
    assert star_parts(sentences)["action"], "read alone, career steps look like the steps of a story"
    assert not any(star_parts(sentences, background=True).values())


def test_a_career_that_ends_on_a_claim_in_the_present_is_still_background() -> None:
    text = (
        "I started as a reporting analyst in 2014. In 2017 I moved into data engineering and I built the "
        "warehouse pipelines. In 2020 I joined a bank and I took over its credit models. Good data makes "
        "every model a bank runs more successful."
    )
    sentences = read_sentences(text)
    assert any("result" in s.parts for s in sentences), "the closing claim reads as an outcome"
    assert not any(star_parts(sentences, background=True).values())


def test_schooling_and_diplomas_are_background_not_steps() -> None:
    text = (
        "I completed my schooling in Pune, and I completed my B.Tech at a college there. After that, I "
        "completed a PG diploma in data science. Currently I teach about 200 students, many of whom have "
        "successfully landed jobs."
    )
    assert not any(star_parts(read_sentences(text), background=True).values())


def test_a_story_that_stops_at_its_goal_still_tells_the_goal_and_its_scene_but_a_view_does_not() -> None:
    text = (
        "I once had to explain to the company directors why our website needed encryption, though none "
        "of them had heard of a certificate."
    )
    sentences = read_sentences(text)
    assert star_parts(sentences) == {"situation": True, "task": True, "action": False, "result": False}
    assert not any(star_parts(sentences, direct=True).values())


def test_a_layoff_is_a_setting_even_in_a_career_answer() -> None:
    text = (
        "My whole team was laid off in the restructuring last spring. I am looking for a role where I can "
        "keep working on recommendation models."
    )
    assert star_parts(read_sentences(text), background=True) == {
        "situation": True,
        "task": False,
        "action": False,
        "result": False,
    }


def test_a_story_that_opens_with_what_happened_to_the_speaker_has_a_setting() -> None:
    text = (
        "The data vendor changed its file format a week before the audit. I rewrote the parser and "
        "replayed the month's files. The audit passed without a finding."
    )
    assert star_parts(read_sentences(text))["situation"], parts_of(text)
    plan = "The plan is simple. I rewrote the parser. The audit passed without a finding."
    assert not star_parts(read_sentences(plan))["situation"], "an opening in the present sets no scene"


def test_a_headline_change_the_speaker_made_first_still_quantifies_the_outcome() -> None:
    sentences = read_sentences(
        "In my last role I reduced checkout latency from 900 ms to 200 ms. I traced the slow queries and "
        "added two indexes. The product team was happy."
    )
    assert star_parts(sentences)["result"] and quantified_result(sentences)


def test_a_goal_still_ahead_tells_no_task_or_setting() -> None:
    text = "My goal is to lead an ML platform team within five years and to mentor other engineers."
    assert not any(star_parts(read_sentences(text)).values())


def test_a_career_answer_that_ends_on_a_measured_outcome_in_the_present_is_an_episode() -> None:
    text = (
        "At my current company I rebuilt the nightly pipeline and I moved it onto Spark. Then I added "
        "checks and I wrote the runbook. It now runs in ten minutes instead of four hours."
    )
    parts = star_parts(read_sentences(text), background=True)
    assert parts["action"] and parts["result"]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("I hired a contractor who designed and built the loader.", (1, 0)),
        ("I realized the schema was outdated and needed a rebuild, so I rebuilt it.", (1, 0)),
        ("We agreed on the broker and added a fallback.", (0, 2)),
    ],
    ids=["relative clause", "a state", "two steps"],
)
def test_steps_joined_by_and_are_verbs_with_objects_of_the_same_subject(text, actors) -> None:
    assert action_actors(read_sentences(text)) == actors
