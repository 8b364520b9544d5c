"""The cues of mleprep.review.star_cues, actor_cues and outcome_cues, each found on a set of answers
other people published (issue 14) and pinned here with a sentence or answer the team wrote in that
shape."""

import pytest

from mleprep.review.star_reader import PARTS, quantified_result, read_sentences, star_parts


def parts_of(text):
    return [s.parts for s in read_sentences(text)]


# Cues found in a fifth set of published answers (issue 14), each in a sentence the team wrote.


@pytest.mark.parametrize(
    "task",
    [
        "We were asked to check that every table arrived intact in the new warehouse.",
        "My role involved training the image classifier and owning its evaluation.",
        "I set out to make the nightly job finish before the analysts arrived.",
        "We had a challenge to compare two billion rows with a tiny cluster.",
        "To handle this, I moved the join into the database.",
        "The marketing team wanted to know which campaigns brought paying customers.",
        "I once had to get the migration signed off by an auditor who distrusted the cloud.",
        "We had an ongoing problem with files that arrived twice.",
        "So I decided to find a cheap fix for the duplicate files.",
        "I had two weeks to rebuild the loader for the new warehouse.",
        "I overcame this by hashing every file before the upload.",
        "I struggled with uploads that stalled halfway for no clear reason.",
        "Our product owners wanted checksums on every uploaded table.",
        "The business required audit trails for the migrated tables.",
        "I took on the task of proving that no row was lost on the way.",
    ],
)
def test_goals_problems_and_what_the_business_asked_for_are_tasks(task):
    text = f"At my last company we moved our data to the cloud. {task} I wrote a checksum job."
    assert star_parts(read_sentences(text))["task"], parts_of(text)


@pytest.mark.parametrize(
    "outcome",
    [
        "The marketing team was able to move budget to the two best campaigns.",
        "The migration was a complete success.",
        "I delivered it within 24 hours.",
        "However, the whole process took longer than expected.",
        "We cut the scope from 50 columns to 46 to meet the date.",
        "This approach ensured the rare cases were flagged.",
        "My investigation revealed a bug that had been there for two years.",
        "The outage lasted 45 minutes and hit three internal teams.",
        "The mismatch was fixed before the quarterly close.",
        "Our analyst took my advice and checked the joins first.",
        "The finance lead thanked us for the corrected figures.",
        "After completing the fix, I wrote up the cause for the team.",
        "I moved the lookups into a hash map, which made the nightly report run faster.",
        "The release had a bug that affected 12% of our customers.",
        "I fixed it before the quarterly close.",
        "In the end we resolved the conflict over a long lunch.",
    ],
)
def test_outcomes_of_any_kind_are_results(outcome):
    text = f"Last spring our churn report was wrong. I traced the inputs one by one. {outcome}"
    assert star_parts(read_sentences(text))["result"], parts_of(text)


def test_a_lead_in_to_the_steps_is_no_outcome():
    text = (
        "Last spring our fraud data was badly imbalanced. I solved it in three ways:\n"
        "- Oversampled the rare class\n- Weighted the classes in the forest"
    )
    assert not star_parts(read_sentences(text))["result"], parts_of(text)


def test_a_wiser_course_told_after_the_fact_is_no_step_taken():
    sentence = "It would have been much better if we told the client we needed a month."
    (read,) = read_sentences(sentence)
    assert read.hypothetical and "action" not in read.parts


def test_without_any_step_a_claim_or_a_setting_is_no_outcome():
    for text in (
        "My greatest weakness is that I deliver results beyond expectations.",
        "I was hit by a restructuring that resulted in a loss of 10% of jobs. I want a team to grow with.",
        "I'm passionate about data, which led me to focus on Python and SQL.",
    ):
        assert not star_parts(read_sentences(text))["result"], parts_of(text)
        assert not quantified_result(read_sentences(text))


def test_a_layoff_sets_the_scene_even_in_an_answer_that_tells_no_story():
    text = "Our company was restructured last spring and 300 of us were laid off. I was one of them."
    found = star_parts(read_sentences(text))
    assert found["situation"] and not found["action"] and not found["result"]


def test_a_degree_finished_recently_is_background_not_a_step():
    text = "I recently completed my Bachelor's in Computer Science. In my free time I enjoy cooking."
    assert star_parts(read_sentences(text)) == dict.fromkeys(PARTS, False)


@pytest.mark.parametrize(
    "outcome",
    ["Six months later, the pattern was adopted by other teams.", "For the next 3 weeks the alarms worked."],
)
def test_when_an_outcome_came_or_how_long_it_ran_does_not_quantify_it(outcome):
    text = f"Last year our alerts were noisy. I rewrote the rules. {outcome}"
    sentences = read_sentences(text)
    assert star_parts(sentences)["result"] and not quantified_result(sentences), parts_of(text)


@pytest.mark.parametrize(
    "outcome",
    [
        "Since then every flow is covered by E2E tests before merging.",
        "As a result, the N+1 queries were gone and the S3 exports finished on time.",
    ],
)
def test_a_digit_inside_a_name_does_not_quantify_an_outcome(outcome):
    text = f"Last year our checkout broke twice. I rewrote the order service. {outcome}"
    sentences = read_sentences(text)
    assert star_parts(sentences)["result"] and not quantified_result(sentences), parts_of(text)


def test_a_skill_learned_is_a_step_and_a_lesson_learned_is_none():
    step = "On my last team I learned Spark in two weeks and moved the nightly reports onto it."
    lesson = "On my last team I learned that small releases are safer than big ones."
    assert star_parts(read_sentences(step))["action"], parts_of(step)
    assert not star_parts(read_sentences(lesson))["action"], parts_of(lesson)


def test_notes_jotted_in_lower_case_tell_a_story():
    text = (
        "- our nightly export kept timing out\n- needed to make it finish before the 6 am reports\n"
        "- split the job by region and moved it onto the new cluster\n"
        "- the export finished by 4 am from then on"
    )
    assert star_parts(read_sentences(text)) == dict.fromkeys(PARTS, True), parts_of(text)


def test_a_heading_in_the_past_tense_is_no_step():
    text = "I work best with teams that own their work.\nlearned : reaching out early avoids confusion."
    assert not star_parts(read_sentences(text))["action"], parts_of(text)


# Cues found in a sixth set of published answers (issue 14), each in a sentence the team wrote.


def test_a_profile_tells_background_not_a_story_until_it_marks_an_example():
    profile = (
        "Hello, my name is Priya and I'm a data analyst with 4 years of experience. "
        "I completed my degree in 2019 and joined Northwind Retail, where I built pricing reports. "
        "After that I moved to a fintech startup."
    )
    assert star_parts(read_sentences(profile)) == dict.fromkeys(PARTS, False)
    example = profile + (
        " For example, last year our fraud alerts doubled overnight. I traced it to a vendor change. "
        "As a result the alert volume fell by 40%."
    )
    found = star_parts(read_sentences(example))
    assert found["action"] and found["result"], parts_of(example)


def test_a_project_or_an_employer_named_in_a_story_is_its_setting():
    text = (
        "One of the pipelines I built was for a customer churn project. I used Kafka for ingestion. "
        "It ran every hour."
    )
    assert star_parts(read_sentences(text))["situation"], parts_of(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "We haven't had that error since.",
        "I was later called into the office and reprimanded.",
        "We were very proud of the launch.",
    ],
)
def test_what_followed_the_steps_is_an_outcome(sentence):
    text = f"Last spring I pushed a config change without review. I rolled it back an hour later. {sentence}"
    assert star_parts(read_sentences(text))["result"], parts_of(text)


def test_a_story_of_failure_may_tell_only_that_it_failed():
    text = "At my last agency we were bidding for a new client. Our team failed to land the contract."
    found = star_parts(read_sentences(text))
    assert found["result"] and not found["action"], parts_of(text)


def test_a_challenge_faced_in_doing_something_is_a_task():
    text = "In my previous role, we faced a challenge in cutting support costs. I built a triage model."
    assert star_parts(read_sentences(text))["task"], parts_of(text)


def test_a_comparison_and_pasted_code_tell_no_step():
    assert star_parts(read_sentences("More than I made previously, with some flexibility.")) == dict.fromkeys(
        PARTS, False
    )
    code = (
        "I would add retries.\n\n```python\ntry: load(url)\n"
        'except OSError: logging.error("Failed to load")\n```'
    )
    assert not star_parts(read_sentences(code))["result"], parts_of(code)


# Cues found in a seventh set of published answers (issue 14), each in a sentence the team wrote.


def test_years_worked_open_a_profile():
    text = (
        "I've worked in the data industry for the last 6 years. I started off as an analyst at a bank. "
        "My job was to build the monthly risk reports. Then I moved to a retailer."
    )
    assert star_parts(read_sentences(text)) == dict.fromkeys(PARTS, False)


def test_a_project_one_built_sets_the_story_and_its_hard_part_is_the_task():
    text = (
        "I built an end-to-end demand forecasting project for a regional distributor. "
        "The hard part is that slow-moving items sell nothing most weeks. "
        "So I trained a separate intermittent-demand model for them."
    )
    found = star_parts(read_sentences(text))
    assert found["situation"] and found["task"], parts_of(text)


def test_a_result_heading_over_an_outcome_counts_but_not_over_one_more_step():
    story = (
        "Situation: Our fraud team had no alerts.\nAction: I wrote five rules and wired them to the API.\n"
    )
    outcome = story + "Result: The platform flagged suspicious payments as they came in."
    step = story + "Result: Built a reporting layer on top of it."
    assert star_parts(read_sentences(outcome))["result"], parts_of(outcome)
    assert not star_parts(read_sentences(step))["result"], parts_of(step)


def test_a_setting_named_in_general_is_no_setting_in_particular():
    generic = "In a high-stakes scenario, I was tasked with a report. I delivered it on time."
    specific = "In a previous project, I was tasked with a report. I delivered it on time."
    assert not star_parts(read_sentences(generic))["situation"], parts_of(generic)
    assert star_parts(read_sentences(specific))["situation"], parts_of(specific)


def test_a_habit_is_no_step_whatever_its_verb():
    (read,) = read_sentences("I normally set myself a deadline a day early.")
    assert read.habitual and not read.parts


def test_an_episode_told_with_steps_and_an_outcome_has_a_setting_and_an_explanation_has_none():
    episode = (
        "I introduced a caching bug that returned stale data. We rolled back and I wrote a regression test."
    )
    explanation = "The main limitation is data size. To mitigate it, I added wide confidence intervals."
    assert star_parts(read_sentences(episode))["situation"], parts_of(episode)
    assert not star_parts(read_sentences(explanation))["situation"], parts_of(explanation)


def test_a_greeting_with_a_name_opens_a_profile():
    text = "Hi, I am Priya Nair; nice to meet you. I built dashboards at a bank and later led its fraud team."
    assert star_parts(read_sentences(text)) == dict.fromkeys(PARTS, False)


@pytest.mark.parametrize(
    "sentence", ["I need to deliver the notes to my team.", "We need to agree on a schema."]
)
def test_a_present_tense_that_ends_in_ed_is_no_step(sentence):
    assert "action" not in read_sentences(sentence)[0].parts


def test_a_hedged_effect_is_no_outcome():
    text = "Last year I joined a speaking club. I practised every week and I think I have improved a lot."
    assert not star_parts(read_sentences(text))["result"], parts_of(text)


@pytest.mark.parametrize(
    "outcome",
    [
        "The team weighed both designs, but the simpler one won.",
        "This turned the raw scores into a ranked call list.",
    ],
)
def test_what_won_and_what_work_turned_into_are_outcomes(outcome):
    text = f"I argued for a smaller model and built both. {outcome}"
    assert star_parts(read_sentences(text))["result"], parts_of(text)
    wont = "I argued for a smaller model and built both. You won't see it."
    assert not star_parts(read_sentences(wont))["result"], "'won't' is no win"


def test_a_change_by_how_much_is_an_outcome_whatever_its_verb():
    text = "Our migration ran slow. I rewrote the data model. These changes enhanced throughput by 40%."
    sentences = read_sentences(text)
    assert star_parts(sentences)["result"] and quantified_result(sentences), parts_of(text)


def test_a_choice_between_options_is_the_task():
    text = "The release broke sign-in. We had two options: patch it live or roll back. I rolled it back."
    assert star_parts(read_sentences(text))["task"], parts_of(text)


def test_a_story_told_to_you_is_a_template_not_a_step_even_under_its_label():
    text = (
        "Situation: Checkout pages load slowly. Action: You trace the slow queries by profiling each page. "
        "You add an index, cache the static assets, and lazy-load the images."
    )
    assert not star_parts(read_sentences(text))["action"], parts_of(text)


def test_measured_changes_listed_after_a_step_are_its_outcome():
    text = (
        "Last spring our onboarding calls were empty. I rebuilt the program:\n- +20% attendance (40 → 48)\n"
    )
    sentences = read_sentences(text)
    assert star_parts(sentences)["result"] and quantified_result(sentences), parts_of(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "I found a race condition leading to duplicate orders.",
        "I added a cache, which should have boosted throughput.",
        "We worked on an accelerated schedule.",
    ],
)
def test_a_problem_a_hope_and_an_adjective_are_no_outcome(sentence):
    assert not star_parts(read_sentences(f"Last year our ETL kept failing. {sentence}"))["result"]


@pytest.mark.parametrize(
    "text",
    [
        "At my last job our dashboards were stale by the morning meeting. I moved the refresh to 5 am. "
        "The managers saw fresh numbers from then on.",
        "There was some friction between the data team and sales over lead scores. I set up a weekly "
        "review of the misses with both teams. The complaints stopped within a month.",
        "I had a conflict with our product manager about the launch date. I showed her the failing "
        "tests and proposed a two-week delay. She agreed, and the launch went without a rollback.",
        # The first step sets the scene; the problem comes with it or right after it.
        "In my last role I worked with an analyst who kept missing deadlines. I set up a short daily "
        "check-in with him. His reports arrived on time from then on.",
        "Last term I worked in a team of four on a churn study. Halfway through, one member stopped "
        "contributing. I asked him what was wrong and split his part with him. We finished a day early.",
    ],
    ids=["bad state", "there was friction", "had a conflict", "missed deadlines", "stopped contributing"],
)
def test_a_problem_told_before_the_first_step_is_the_task(text):
    assert star_parts(read_sentences(text))["task"], parts_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Last year I shipped a timezone bug in the billing export. I reverted it the same hour and added "
        "a test for it. No invoice went out wrong.",
        "One big disagreement on the forecasting project was about retraining. I ran both schedules on "
        "last quarter's data. The team kept the weekly one.",
        "I want to tell you about a customer issue I took over at my last job. I traced it to a stale "
        "cache and fixed the key. The customer closed the ticket that day.",
    ],
    ids=["a bug I shipped", "one disagreement", "a customer issue"],
)
def test_a_problem_named_as_a_thing_before_the_first_step_is_the_task(text):
    assert star_parts(read_sentences(text))["task"], parts_of(text)


def test_an_outage_a_step_caused_is_its_outcome_not_the_task():
    text = (
        "At my last job I deployed a config change that caused an outage in checkout. I learned to "
        "stage such changes first."
    )
    assert not star_parts(read_sentences(text))["task"], parts_of(text)


def test_a_problem_told_after_the_steps_is_no_task():
    text = (
        "I rebuilt the loader last spring and moved it to the new cluster. The reports ran twice as fast. "
        "A month later there was an outage in another team's service."
    )
    assert not star_parts(read_sentences(text))["task"], parts_of(text)


def test_what_a_bug_did_is_the_problem_when_the_story_opens_with_it():
    text = (
        "A bug in checkout affected 12% of our customers. I traced it to a cache key and rewrote the "
        "invalidation."
    )
    assert star_parts(read_sentences(text)) == {
        "situation": False,
        "task": True,
        "action": True,
        "result": False,
    }, parts_of(text)


@pytest.mark.parametrize(
    "opening",
    [
        "At my last job there was no problem with the nightly load.",
        "The latency of the nightly load was down to 50 ms.",
        "We had two weeks to spare before the nightly load moved.",
    ],
)
def test_a_problem_denied_a_level_reached_or_time_to_spare_is_no_task(opening):
    text = f"{opening} I added a check for late files."
    assert not star_parts(read_sentences(text))["task"], parts_of(text)


def test_a_deadline_of_a_week_or_a_month_is_a_task():
    for deadline in ("I had a week to rebuild the loader.", "We had just one month to move the warehouse."):
        text = f"At my last company we moved our data to the cloud. {deadline} I wrote a checksum job."
        assert star_parts(read_sentences(text))["task"], parts_of(text)


# What a second read of the fifth day's cues found they over-read, each in a sentence the team wrote.
@pytest.mark.parametrize(
    "opening",
    [
        "Last year I led our move to Airflow because I love a challenge.",
        "At Acme I tracked every data request in our issue tracker.",
        "At Acme access control was never an issue, since IT had set up groups.",
        "At Acme our team had zero bugs in the spring release.",
        "At Acme the team fixed every bug before the spring release.",
    ],
)
def test_a_problem_liked_denied_done_with_or_inside_another_word_is_no_task(opening):
    text = f"{opening} I wrote the first DAGs and the docs. Every nightly job now runs on Airflow."
    assert not star_parts(read_sentences(text))["task"], parts_of(text)


def test_a_problem_told_after_an_outcome_is_no_task_of_the_steps_before_it():
    text = (
        "At my last job I moved our nightly jobs to Airflow. As a result, deploys ran twice as fast. "
        "Months later the on-call rota was unhappy with the alerts. I wrote an alert guide."
    )
    assert not star_parts(read_sentences(text))["task"], parts_of(text)


@pytest.mark.parametrize(
    "lesson",
    ["I learned my lesson", "I learned an important lesson", "I learned early on that buffers matter"],
)
def test_a_lesson_learned_in_any_words_is_no_step(lesson):
    (sentence,) = read_sentences(f"{lesson} and now plan a buffer.")
    assert "action" not in sentence.parts, sentence


def test_notes_that_list_only_the_problem_in_lower_case_tell_no_steps():
    text = (
        "- at my last job our checkout page was slow\n- limited budget for new servers\n"
        "- unexpected traffic spikes every Friday\n- the product team was unhappy"
    )
    assert not star_parts(read_sentences(text))["action"], parts_of(text)


@pytest.mark.parametrize(
    "outcome", ["As a result, p99 latency dropped sharply.", "It now runs on H100 GPUs."]
)
def test_a_number_inside_a_name_after_its_first_digit_is_no_quantity(outcome):
    text = f"Last year our API was slow. I rewrote the cache. {outcome}"
    assert not quantified_result(read_sentences(text)), parts_of(text)


def test_what_the_business_needed_less_of_is_no_task():
    text = (
        "At my last company I rebuilt the demand forecast. I wrote a checksum job. In the end, the business "
        "needed less stock in every store."
    )
    assert not star_parts(read_sentences(text))["task"], parts_of(text)
