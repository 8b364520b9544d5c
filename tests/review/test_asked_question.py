"""A question typed in as the candidate was asked it: what it asks for, read from its words."""

from __future__ import annotations

import pytest

from mleprep.review.asked_question import AskedQuestion


@pytest.mark.parametrize(
    "prompt",
    [
        "Tell me about yourself.",
        "Why are you leaving your current job?",
        "So why did you quit your last role after a year?",
        "Why do you want to work here?",
        "Why Stripe?",
        "What are your salary expectations?",
        "When could you start?",
        "Why machine learning?",
        "Your two-minute introduction",
        "Briefly summarize your experience with production ML.",
        "What is your experience with machine learning?",
        "About Yourself",  # a story bank's heading for the same question
        "Why did you choose machine learning?",
        "How did you get into data science?",
        "What did you like or dislike about your previous role?",
        "What motivated you to pursue data analytics?",
        "What is the reason you left your last company?",
        "30-second elevator pitch",
        "Give me your elevator pitch as a machine learning model engineer.",
        "Give me your elevator pitch for this product team.",
    ],
)
def test_questions_about_the_candidates_career_are_answered_with_background(prompt: str) -> None:
    question = AskedQuestion(prompt)
    assert question.answered_with_background and question.answer_format == "pitch"
    assert question.stage == "recruiter_screen"


@pytest.mark.parametrize(
    "prompt",
    [
        "Tell me about a time you disagreed with your manager.",
        "Give me an example of a deadline you missed.",
        "Have you ever shipped a model that made things worse?",
        "When was the last time you broke production?",
        "What project are you proudest of?",
        "Conflict with a teammate",  # a story bank's heading names the story to tell
        "Tell me about a time you didn't want to work in a team.",  # career words inside a story question
        "What did you learn about yourself from your biggest failure?",
        "What was the hardest bug you fixed?",
        "How do you tackle challenges? Name a difficult challenge you faced on a project.",
        "How you solved a complex problem?",
        "Walk me through how you handled a conflict with a PM.",
        "Tell me about a setback that motivated you to switch approaches mid-project.",
        "What did you enjoy most about your last project, and what went wrong?",
        "Give me a 30-second elevator pitch of your last project.",
        "The 90-Second Elevator Pitch (walk me through your project)",
        "designed and built a reporting service for the finance team",  # a story's title, not "design X"
        "Listed our API on a partner marketplace",
    ],
)
def test_questions_that_ask_for_an_episode_ask_for_a_story(prompt: str) -> None:
    question = AskedQuestion(prompt)
    assert question.answer_format == "story" and not question.answered_with_background


@pytest.mark.parametrize(
    "prompt",
    [
        "How would you handle missing values in a table of sensor readings?",
        "What is your greatest weakness?",
        "How do you keep up with new methods?",
        "Explain a p-value.",
        "Can you describe what your typical day looks like?",
        "Describe how gradient boosting works.",
        "Walk me through the bias-variance tradeoff.",
        "How would you forecast a time series with gaps?",
        "What are you looking for in a good dataset?",
        "你为什么离职？",  # a question mark, full-width: a question, not a story's heading
    ],
)
def test_views_habits_plans_and_facts_are_direct(prompt: str) -> None:
    question = AskedQuestion(prompt)
    assert question.answer_format == "direct" and not question.answered_with_background


def test_a_listener_who_is_not_technical_is_read_from_the_words() -> None:
    assert AskedQuestion("Explain your churn model to the head of sales.").non_technical_audience
    assert AskedQuestion("Describe your model to someone non-technical.").non_technical_audience
    assert AskedQuestion(
        "Walk me through our churn numbers for the business stakeholders."
    ).non_technical_audience
    assert AskedQuestion("Tell me about yourself.").non_technical_audience, "a recruiter asks it"
    assert not AskedQuestion("Tell me about a time you debugged a slow query.").non_technical_audience
    assert not AskedQuestion("Tell me about a time you disagreed with an executive.").non_technical_audience
