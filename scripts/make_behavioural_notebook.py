"""Write source/behavioural/behavioural.ipynb from assignment.toml and the interview guide's question bank.

    .venv/bin/python scripts/make_behavioural_notebook.py

Prompts, time budgets and rubrics come from interview_guide/questions_*.toml, so the notebook and the
bank cannot drift apart (tests/authoring/test_behavioural.py regenerates it and compares). Reference answers,
which nbgrader strips from the released notebook, are in REFERENCE below.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from take_home_notebook import Notebook

from mleprep.core.durations import format_duration
from mleprep.course.question_bank import find_question, load_bank
from mleprep.course.spec import SPEC_FILE

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "source" / "behavioural"

INTRO = """# Behavioural practice: the recruiter screen and the hiring-manager round

A machine-learning engineer's hiring process has two conversations besides the take-home: a 15-20 minute
**recruiter screen** (motivation, background, salary, availability) and a **hiring-manager round** of
behavioural questions answered with stories from your own work.

Write each answer **as you would say it**, about as long as its time budget allows when spoken (150 words
are about a minute). For the stories, use **STAR**: the *situation*, your *task*, the *actions you took*
(say "I", not only "we"), and the *result*, with a number if you can.

**How this is graded.** A mentor grades each answer on the rubric printed above it (1 to 5 points) in
nbgrader's formgrader. mleprep adds automatic feedback on each answer when it is graded: which STAR parts
it found, whether the result carries a number, how much is "I" versus "we", and its length against the
time budget. You can get the same feedback now with the cell at the end, or with
`mleprep practice review --answer-file answer.txt --question ID`.

You have **45 minutes**."""

REFERENCE = {
    "answer_about_yourself": """
I'm a machine-learning engineer with four years at a grocery delivery company, where I own the
demand forecasting models that decide how much stock each of our 300 stores orders. Last year I moved
those models from a nightly notebook to a tested, monitored service, which cut forecast errors by
8 percent and stopped the weekly firefights. Before that I was a data analyst, which is where I learned to
start from the business question. I'm now looking for a team where models are the product, and your
search ranking work is exactly the kind of problem I want to own next.""",
    "answer_salary": """
For a senior ML engineer role in this city, my research and conversations put the range at about
85 to 100 thousand in base salary, and I'm looking at total compensation, so bonus and equity matter too.
Could you share the band you have budgeted for this role? I'm flexible within a fair range once we're
both sure the scope is the right fit.""",
    "answer_broken_data": """
At my last company I worked on a demand forecasting model for about 300 grocery stores. Two weeks
before a launch, our validation error suddenly dropped by half, which looked too good to be true. My job
was to find out whether the improvement was real before the model went live. I compared the feature
distributions of the old and new training sets and found that a join on store id had duplicated every
row for stores that had changed owner, so the same weeks appeared in both the training and the validation
folds. I fixed the join, added a uniqueness check on the key to the pipeline, and re-ran the evaluation.
The real improvement turned out to be 4 percent instead of 50, we launched on time with honest numbers,
and the uniqueness check has caught two similar problems since.""",
    "answer_explain": """
In my previous role the marketing director wanted to know whether to trust our new lead-scoring
model. She had to decide which leads her team of ten would call first. Instead of showing her the
evaluation curves, I took last month's leads and showed her that if her team had called the top 20
percent the model picked, they would have reached 55 percent of the customers who actually bought. I used
a simple bar chart and one real example of a lead the model ranked highly. She decided to use the ranking
for the next quarter, and her team's conversion rate went from 3 to 5 percent.""",
    "answer_failure": """
Two years ago I led a project to build a recommendation model for our app's home screen. The goal
was to increase engagement, and I was responsible for the model and the offline evaluation. I spent three
months improving offline metrics without running a single online test, because I wanted the model to be
perfect first. When we finally ran an A/B test, engagement moved by less than 0.5 percent and the project
was cancelled. I learned to test with real users early: on my next project I shipped a simple version to
5 percent of users in the second week, and that project reached its target two months ahead of plan.""",
}

FEEDBACK_CELL = '''# Optional: automatic feedback on one of your answers while you work (not graded).
from mleprep.review.answer_review import review_answer

answer = """
Paste an answer here.
"""
review = review_answer(answer)
print(review.star, "number in the result:", review.quantified_result)
print(f"{review.words} words, about {review.speaking_time_s:.0f} s to say")
for tip in review.suggestions:
    print("-", tip)'''


def build() -> Notebook:
    # Read as plain TOML: the spec loader wants the notebook this script is about to write.
    manual = tomllib.loads((FOLDER / SPEC_FILE).read_text(encoding="utf-8"))["manual"]
    bank = load_bank(ROOT / "interview_guide")
    nb = Notebook()
    nb.markdown("intro", INTRO)
    for n, part in enumerate(manual, start=1):
        q = find_question(bank, part["question"])
        stage = q.stage.replace("_", " ")
        rubric = "\n".join(f"| {level} | {anchor} |" for level, anchor in q.rubric.items())
        shows = "\n".join(f"- {s}" for s in q.strong_answer)
        prompt = (
            f"## {n}. {part['title']}\n\n*{stage}, {q.competency.replace('_', ' ')}; "
            f"about {format_duration(q.time_budget_s)} spoken (question `{q.id}`)*\n\n"
            f"> **{q.prompt}**\n\nA strong answer:\n{shows}\n\n"
            f"Rubric ({part['points']:g} points):\n\n| points | the answer ... |\n|---|---|\n{rubric}"
        )
        nb.markdown(f"task_{part['id']}", prompt)
        nb.written(part["id"], part["points"], REFERENCE[part["id"]])
    nb.code("feedback", FEEDBACK_CELL)
    return nb


def main() -> None:
    build().save(FOLDER / "behavioural.ipynb")


if __name__ == "__main__":
    main()
