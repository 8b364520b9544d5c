"""Generate the recommendation take-home's enrolments (synthetic: learners, courses and who took what).

Deterministic (seed below); outputs are committed with sha256 sums. Needs only numpy and pandas.

    python scripts/make_courses_data.py

How it is made: 400 courses in 12 topics at three levels, with a popularity that follows a power law;
3,000 learners with a few favourite topics; each learner enrols in courses one after another, preferring
their topics, popular courses and the next level of a topic they have started, never the same course twice.
The holdout is each active learner's last 3 enrolments (in time), as a live system would be evaluated.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from data_files import write_sums

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "source" / "courses" / "data"
HIDDEN = ROOT / "autograders" / "courses"
SEED = 20261126
TOPICS = [
    "python", "statistics", "machine_learning", "deep_learning", "sql", "data_engineering",
    "visualisation", "cloud", "product_analytics", "nlp", "computer_vision", "mlops",
]  # fmt: skip
COURSES, LEARNERS, HELD_OUT = 400, 3000, 3


def main() -> None:
    rng = np.random.default_rng(SEED)
    topic = rng.integers(0, len(TOPICS), COURSES)
    level = rng.choice([1, 2, 3], COURSES, p=[0.45, 0.35, 0.2])
    popularity = rng.pareto(1.2, COURSES) + 0.2
    courses = pd.DataFrame(
        {
            "course_id": [f"CRS-{i:04d}" for i in range(1000, 1000 + COURSES)],
            "topic": [TOPICS[t] for t in topic],
            "level": np.array(["beginner", "intermediate", "advanced"])[level - 1],
            "hours": rng.integers(2, 40, COURSES),
        }
    )
    rows = []
    start = pd.Timestamp("2025-01-01")
    for learner in range(LEARNERS):
        likes = rng.dirichlet(np.full(len(TOPICS), 0.15))
        n = int(np.clip(rng.lognormal(2.2, 0.6), 3, 60))
        taken: list[int] = []
        levels_done = np.zeros(len(TOPICS))
        day = rng.integers(0, 200)
        for _ in range(n):
            next_level = (level == levels_done[topic] + 1) * 1.2
            score = np.log(likes[topic] + 1e-3) * 1.4 + 0.8 * np.log(popularity) + next_level
            score[taken] = -np.inf
            p = np.exp(score - score.max())
            choice = int(rng.choice(COURSES, p=p / p.sum()))
            taken.append(choice)
            levels_done[topic[choice]] = max(levels_done[topic[choice]], level[choice])
            day += int(rng.integers(1, 20))
            rows.append(
                (f"L-{learner:05d}", courses["course_id"][choice], start + pd.Timedelta(days=int(day)))
            )
    enrolments = pd.DataFrame(rows, columns=["learner_id", "course_id", "enrolled_on"]).sort_values(
        ["enrolled_on", "learner_id"], kind="stable"
    )
    order = enrolments.groupby("learner_id").cumcount(ascending=False)
    counts = enrolments.groupby("learner_id")["course_id"].transform("size")
    held = (order < HELD_OUT) & (counts >= HELD_OUT + 5)
    train, holdout = enrolments[~held], enrolments[held]
    PUBLIC.mkdir(parents=True, exist_ok=True)
    HIDDEN.mkdir(parents=True, exist_ok=True)
    train.assign(enrolled_on=train["enrolled_on"].dt.strftime("%Y-%m-%d")).to_csv(
        PUBLIC / "enrolments.csv", index=False
    )
    courses.to_csv(PUBLIC / "courses.csv", index=False)
    learners = pd.DataFrame({"learner_id": sorted(holdout["learner_id"].unique())})
    learners.to_csv(PUBLIC / "holdout_learners.csv", index=False)
    holdout[["learner_id", "course_id"]].sort_values(["learner_id", "course_id"]).to_csv(
        HIDDEN / "holdout_labels.csv", index=False
    )
    write_sums(PUBLIC, ["enrolments.csv", "courses.csv", "holdout_learners.csv"])
    write_sums(HIDDEN, ["holdout_labels.csv"])
    print(
        f"enrolments {len(train)}, holdout learners {len(learners)} x {HELD_OUT} courses, courses {COURSES}"
    )


if __name__ == "__main__":
    main()
