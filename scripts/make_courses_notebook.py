"""Write source/courses/courses.ipynb, the course-recommendation take-home (reference solution included).

.venv/bin/python scripts/make_courses_notebook.py && .venv/bin/mleprep release courses
"""

from __future__ import annotations

from pathlib import Path

from take_home_notebook import Notebook

OUT = Path(__file__).resolve().parents[1] / "source" / "courses" / "courses.ipynb"

nb = Notebook()
nb.markdown(
    "intro",
    """
    # Take-home: recommend the next course

    You are interviewing for a machine-learning engineer role at an online-learning platform. The home page shows
    each learner **10 courses**; today it shows the 10 most popular ones they have not taken. The product team wants
    recommendations that learners actually enrol in, and a test that proves it before any A/B test.

    **Time limit: 4 hours.** Work top to bottom. Cells that start with `# Check:` test your work as you go; run them.
    Cells that say *Hidden check* are empty for you: the grader fills them in.

    **You get** `data/enrolments.csv` (25,755 enrolments: `learner_id`, `course_id`, `enrolled_on`),
    `data/courses.csv` (400 courses: topic, level, hours) and `data/holdout_learners.csv` (1,724 learners). For each
    of those learners the grader knows the **next 3 courses** they enrolled in; you recommend 10 and score
    **precision@10**: the share of your 10 that they took (3 hits of 10 is the most possible, 0.3).

    **How this is graded (19 points: 14 autograded, 5 by a mentor)**
    | part | points | how |
    |---|---|---|
    | 1. Load the data | 1 | visible check |
    | 2. A validation split without look-ahead | 2 | visible check |
    | 3. A recommender | 2 | visible check |
    | 4. Beat popularity, honestly | 1 + 2 | visible check: your validation precision beats popularity's; hidden check: it must agree with the holdout (within 0.02) |
    | 5. Recommendations for the holdout learners | 1 + 5 | visible format check; hidden check: precision@10, full marks at 0.09, half at 0.07, a quarter at 0.05 (popularity scores 0.04) |
    | 6. A note for the product team | 5 | a mentor grades it on the rubric shown there |
    """,
)
nb.setup(
    '''
    from pathlib import Path

    import numpy as np
    import pandas as pd

    DATA = Path("data")
    K = 10


    def precision_at_k(recommendations, relevant, k=K):
        """Mean over learners in `relevant` (a DataFrame of learner_id, course_id) of hits in their top k / k."""
        truth = relevant.groupby("learner_id")["course_id"].agg(set)
        return float(np.mean([len(set(recommendations[u][:k]) & items) / k for u, items in truth.items()]))
    '''
)
nb.markdown(
    "task_load",
    """
    ## 1. Load the data

    Define `enrolments` (with `enrolled_on` as dates, sorted by it), `courses` and `learners` (the holdout learners).
    How many enrolments does a typical learner have? How concentrated is demand on a few courses?
    """,
)
nb.answer(
    "load_data",
    """
    ### BEGIN SOLUTION
    enrolments = pd.read_csv(DATA / "enrolments.csv", parse_dates=["enrolled_on"]).sort_values("enrolled_on", kind="stable")
    courses = pd.read_csv(DATA / "courses.csv")
    learners = pd.read_csv(DATA / "holdout_learners.csv")
    ### END SOLUTION
    """,
)
nb.check(
    "check_load",
    1,
    """
    # Check: the data is loaded
    assert len(enrolments) == 25755 and len(courses) == 400 and len(learners) == 1724, "load all three files, every row"
    assert pd.api.types.is_datetime64_any_dtype(enrolments["enrolled_on"]), "parse `enrolled_on` as dates (parse_dates=...)"
    assert enrolments["enrolled_on"].is_monotonic_increasing, "sort `enrolments` by `enrolled_on`"
    print("Data checks passed.")
    """,
)
nb.markdown(
    "task_split",
    """
    ## 2. A validation split without look-ahead

    Mirror the real task: for every learner with at least 8 enrolments, hold out their **last 3** (in time) as
    `validation`, and keep everything else as `fit_part`. A random split would let the recommender learn from
    enrolments that happened after the ones it is tested on.
    """,
)
nb.answer(
    "split",
    """
    ### BEGIN SOLUTION
    _from_end = enrolments.groupby("learner_id").cumcount(ascending=False)
    _count = enrolments.groupby("learner_id")["course_id"].transform("size")
    _held = (_from_end < 3) & (_count >= 8)
    fit_part, validation = enrolments[~_held], enrolments[_held]
    ### END SOLUTION
    """,
)
nb.check(
    "check_split",
    2,
    """
    # Check: the validation enrolments come after each learner's fit enrolments
    assert len(fit_part) + len(validation) == len(enrolments), "`fit_part` and `validation` should split `enrolments`"
    assert validation.groupby("learner_id").size().eq(3).all(), "hold out exactly 3 enrolments per validation learner"
    _last_fit = fit_part.groupby("learner_id")["enrolled_on"].max()
    _first_val = validation.groupby("learner_id")["enrolled_on"].min()
    _late = (_last_fit.reindex(_first_val.index) > _first_val).sum()
    assert _late == 0, (
        f"{_late} learners have fit enrolments after their validation ones: that is look-ahead. "
        "Hold out each learner's last 3 enrolments in time"
    )
    print(f"Split checks passed: {validation['learner_id'].nunique()} validation learners")
    """,
)
nb.markdown(
    "task_recommender",
    """
    ## 3. A recommender

    Write `recommend(history, learner_ids, k=K)`: given past enrolments `history` (a DataFrame like `enrolments`),
    return a dict from each learner id to a list of `k` **different** course ids, best first, **excluding courses
    the learner already took**. Learners with no history should still get `k` courses. Any method is fine:
    co-enrolment ("learners who took X also took Y"), matrix factorisation, topics, or a blend.
    """,
)
nb.answer(
    "recommender",
    '''
    ### BEGIN SOLUTION
    from scipy import sparse

    COURSE_IDS = courses["course_id"].tolist()
    _position = {c: i for i, c in enumerate(COURSE_IDS)}


    def recommend(history: pd.DataFrame, learner_ids, k: int = K) -> dict:
        """Item-based co-enrolment: score courses by their similarity to what the learner took."""
        people = sorted(history["learner_id"].unique())
        row = {u: i for i, u in enumerate(people)}
        taken = sparse.csr_matrix(
            (np.ones(len(history)), ([row[u] for u in history["learner_id"]], [_position[c] for c in history["course_id"]])),
            shape=(len(people), len(COURSE_IDS)),
        )
        taken.data[:] = 1
        together = (taken.T @ taken).toarray().astype(float)
        np.fill_diagonal(together, 0)
        size = np.asarray(taken.sum(axis=0)).ravel()
        # Cosine similarity, shrunk towards 0 for rarely taken courses.
        similarity = together / (np.sqrt(np.outer(size, size)) + 10)
        popular = np.argsort(-size)
        result = {}
        for learner in learner_ids:
            if learner in row:
                mine = taken[row[learner]].toarray().ravel()
                scores = similarity @ mine + 1e-6 * size  # popularity breaks ties
                scores[mine > 0] = -np.inf
                result[learner] = [COURSE_IDS[i] for i in np.argsort(-scores)[:k]]
            else:
                result[learner] = [COURSE_IDS[i] for i in popular[:k]]
        return result
    ### END SOLUTION
    ''',
)
nb.check(
    "check_recommender",
    2,
    """
    # Check: k different, known, untaken courses per learner
    _sample = fit_part["learner_id"].drop_duplicates().head(50).tolist() + ["L-NEWCOMER"]
    _recs = recommend(fit_part, _sample)
    assert set(_recs) == set(_sample), "return a recommendation list for every learner asked for, new ones included"
    _known = set(courses["course_id"])
    _seen = fit_part.groupby("learner_id")["course_id"].agg(set)
    for _u, _items in _recs.items():
        assert len(_items) == K and len(set(_items)) == K, f"{_u}: recommend {K} different courses, not {len(set(_items))}"
        assert set(_items) <= _known, f"{_u}: some recommended courses are not in courses.csv"
        assert not set(_items) & _seen.get(_u, set()), f"{_u}: do not recommend courses the learner already took"
    print("Recommender checks passed.")
    """,
)
nb.markdown(
    "task_evaluate",
    """
    ## 4. Beat popularity, honestly

    Define `popularity_precision`: precision@10 on `validation` of today's rule (the most popular courses in
    `fit_part` that the learner has not taken), and `validation_precision`: the same for `recommend(fit_part, ...)`.
    Use `precision_at_k` from the setup cell. The hidden check compares `validation_precision` with your
    recommender's precision@10 on the holdout learners.
    """,
)
nb.answer(
    "evaluate",
    """
    ### BEGIN SOLUTION
    _validation_learners = validation["learner_id"].unique()
    _ranked = fit_part["course_id"].value_counts().index.tolist()
    _taken = fit_part.groupby("learner_id")["course_id"].agg(set)
    popular_recs = {u: [c for c in _ranked if c not in _taken.get(u, set())][:K] for u in _validation_learners}
    popularity_precision = precision_at_k(popular_recs, validation)
    validation_precision = precision_at_k(recommend(fit_part, _validation_learners), validation)
    print(f"precision@{K}: popularity {popularity_precision:.3f}, recommender {validation_precision:.3f}")
    ### END SOLUTION
    """,
)
nb.check(
    "check_evaluation",
    1,
    """
    # Check: the recommender beats popularity on the validation learners
    assert isinstance(validation_precision, float) and isinstance(popularity_precision, float), "both should be floats"
    assert 0 <= popularity_precision <= 0.3 and 0 <= validation_precision <= 0.3, (
        "with 3 held-out courses per learner, precision@10 cannot exceed 0.3: is it computed on `validation`?"
    )
    assert validation_precision > popularity_precision, (
        f"your recommender ({validation_precision:.3f}) does not beat popularity ({popularity_precision:.3f}) yet"
    )
    print("Evaluation checks passed.")
    """,
)
nb.hidden(
    "holdout_estimate",
    2,
    "Hidden check: the grader compares your `validation_precision` with your recommender's precision@10 on the holdout.",
    """
    from mleprep.handin import export_value

    export_value("holdout_estimate", validation_precision)
    """,
)
nb.markdown(
    "task_predict",
    """
    ## 5. Recommend for the holdout learners

    Define `holdout_recommendations = recommend(enrolments, learners["learner_id"])`: every enrolment you have is
    history now. Save it as `recommendations.csv` with the columns `learner_id`, `rank` (1 to 10) and `course_id`.
    """,
)
nb.answer(
    "predict",
    """
    ### BEGIN SOLUTION
    holdout_recommendations = recommend(enrolments, learners["learner_id"])
    pd.DataFrame(
        [(u, r + 1, c) for u, items in holdout_recommendations.items() for r, c in enumerate(items)],
        columns=["learner_id", "rank", "course_id"],
    ).to_csv("recommendations.csv", index=False)
    ### END SOLUTION
    """,
)
nb.check(
    "check_predictions",
    1,
    """
    # Check: 10 untaken courses for every holdout learner
    assert set(holdout_recommendations) == set(learners["learner_id"]), "recommend for every learner of holdout_learners.csv"
    _seen = enrolments.groupby("learner_id")["course_id"].agg(set)
    assert all(len(set(v)) == K and not set(v) & _seen.get(u, set()) for u, v in holdout_recommendations.items()), (
        f"every learner needs {K} different courses they have not taken"
    )
    _file = pd.read_csv("recommendations.csv")
    assert list(_file.columns) == ["learner_id", "rank", "course_id"] and len(_file) == K * len(learners), (
        "recommendations.csv should have the columns learner_id, rank, course_id and 10 rows per learner"
    )
    print("Recommendation checks passed.")
    """,
)
nb.hidden(
    "holdout_quality",
    5,
    "Hidden check: the grader scores your recommendations against the courses learners took next (precision@10).",
    """
    from mleprep.handin import export_rankings

    export_rankings("holdout_quality", holdout_recommendations)
    """,
)
nb.markdown(
    "task_note",
    """
    ## 6. A note for the product team

    Write 150 to 300 words for the product manager of the home page. A mentor grades it on this rubric (5 points):
    1. **Better than today?** Precision@10 against popularity, in plain words (out of 10 shown, how many taken).
    2. **How you tested it**: why the test respected time, and why offline results still need an A/B test.
    3. **Who it serves badly**: new learners with no history, niche topics, new courses (the cold start).
    4. **Risks**: reinforcing already-popular courses, repetitive recommendations, what to monitor after launch.
    5. **Clear writing**: no unexplained jargon, short sentences, numbers rounded sensibly.
    """,
)
nb.written(
    "note",
    5,
    """
    **Better than today.** Of 10 courses shown, learners enrolled in about 1.1 of ours, against 0.4 of the most
    popular ones: nearly three times as many, measured on learners' next three enrolments.

    **How I tested it.** I hid each learner's last three enrolments, built the recommendations from everything
    before them, and counted how many of the ten shown were among the three they actually took next. Nothing from
    after those enrolments was used. Offline tests count only what people did when shown the old page, so the
    real effect must be confirmed with an A/B test on enrolments and completions.

    **Who it serves badly.** New learners with no enrolments get the popular list, as today. Courses nobody has
    taken yet are never recommended by co-enrolment; new courses need a topic-based slot until they have learners.
    Learners in small topics have fewer co-enrolments to learn from.

    **Risks.** Recommending what similar learners took favours courses that are already popular and can narrow what
    people see. I would monitor how many different courses get recommended each week, enrolments per impression,
    and completion rates, and keep one or two "explore" slots for new and niche courses.

    **Next steps.** Blend in topic and level (beginners to intermediate in the same topic), then A/B test.
    """,
)

if __name__ == "__main__":
    nb.save(OUT)
