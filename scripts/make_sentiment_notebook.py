"""Write source/sentiment/sentiment.ipynb, the review-classification take-home (reference solution included).

.venv/bin/python scripts/make_sentiment_notebook.py && .venv/bin/mleprep release sentiment
"""

from __future__ import annotations

from pathlib import Path

from take_home_notebook import Notebook

OUT = Path(__file__).resolve().parents[1] / "source" / "sentiment" / "sentiment.ipynb"

nb = Notebook()
nb.markdown(
    "intro",
    """
    # Take-home: which reviews are raving?

    You are interviewing for a machine-learning engineer role at an online grocery. The merchandising team wants to
    spot **products whose reviews stop being enthusiastic**, early, across thousands of products. Star ratings are
    often missing on syndicated reviews, so they want a model that reads the text and says how likely a review is
    a 5-star one ("great") rather than anything less.

    **Time limit: 3 hours.** Work top to bottom. Cells that start with `# Check:` test your work as you go; run them.
    Cells that say *Hidden check* are empty for you: the grader fills them in.

    **You get** `data/train.csv` (4,000 food reviews: `review_id`, `product_id`, `review` text, `great` = 1 for a
    5-star review) and `data/holdout_features.csv` (1,000 reviews of **other products**, without `great`).

    **How this is graded (17 points: 12 autograded, 5 by a mentor)**
    | part | points | how |
    |---|---|---|
    | 1. Load and clean the text | 1 | visible check |
    | 2. A text classification pipeline | 2 | visible check |
    | 3. An honest estimate of quality | 1 + 2 | visible check; hidden check: your estimate must agree with the holdout (within 0.03 ROC AUC) |
    | 4. Holdout predictions | 1 + 5 | visible format check; hidden check: ROC AUC on the holdout, full marks at 0.83, half at 0.78, a quarter at 0.72 |
    | 5. Error analysis | 0 | (feeds part 6) |
    | 6. Error analysis for the merchandising team | 5 | a mentor grades it on the rubric shown there |
    """,
)
nb.setup(
    """
    from pathlib import Path

    import numpy as np
    import pandas as pd
    from sklearn.base import clone, is_classifier
    from sklearn.utils.validation import check_is_fitted

    DATA = Path("data")
    RANDOM_STATE = 0
    pd.set_option("display.max_colwidth", 200)
    """
)
nb.markdown(
    "task_load",
    """
    ## 1. Load and clean the text

    Read a few reviews first. They were scraped from web pages and still carry some markup.

    Write `clean(raw)`: it takes a raw table as read from either CSV file (with `review_id`, with or without
    `great`) and returns a cleaned copy **with the same rows in the same order**, the `review` text cleaned of
    markup. Then define `train` (the cleaned training table), `X` (every column except `review_id` and `great`)
    and `y` (`train["great"]`).
    """,
)
nb.answer(
    "load_data",
    '''
    def clean(raw: pd.DataFrame) -> pd.DataFrame:
        """Return a cleaned copy of a raw review table (train or holdout)."""
        ### BEGIN SOLUTION
        table = raw.copy()
        # Line breaks arrive as HTML tags; left in, "br" becomes the most common word of every review.
        table["review"] = (
            table["review"].str.replace(r"<[^>]+>", " ", regex=True).str.replace(r"\\s+", " ", regex=True).str.strip()
        )
        return table
        ### END SOLUTION


    ### BEGIN SOLUTION
    train = clean(pd.read_csv(DATA / "train.csv"))
    X = train.drop(columns=["review_id", "great"])
    y = train["great"]
    ### END SOLUTION
    ''',
)
nb.check(
    "check_load",
    1,
    """
    # Check: the data is loaded and the markup is gone
    assert isinstance(train, pd.DataFrame) and train.shape == (4000, 4), f"`train` should keep all 4,000 reviews and 4 columns; it has {train.shape}"
    assert not train["review"].str.contains("<br", regex=False).any(), (
        "some reviews still contain HTML tags such as '<br />': remove them in `clean`"
    )
    assert "great" not in X.columns and "review_id" not in X.columns, "`X` must not contain the target `great` or `review_id`"
    assert len(X) == len(y) == 4000 and set(pd.unique(y)) <= {0, 1}, "`y` should be the 0/1 `great` column"
    _holdout = clean(pd.read_csv(DATA / "holdout_features.csv"))
    assert len(_holdout) == 1000 and not _holdout["review"].str.contains("<br", regex=False).any(), (
        "`clean` must also work on the holdout reviews (no `great` column) and keep all 1,000 rows"
    )
    print("Data checks passed.")
    """,
)
nb.markdown(
    "task_model",
    """
    ## 2. Build a text classification pipeline

    Define `model`: a scikit-learn classifier, fitted on `X` and `y`, that takes the cleaned feature table **as it is**
    (a `product_id` column and a `review` text column) and returns the probability of a 5-star review with
    `predict_proba`. Turn the text into features inside the pipeline (for example TF-IDF on the `review` column).
    Note that the holdout reviews are about products the training data never mentions.
    """,
)
nb.answer(
    "build_model",
    """
    ### BEGIN SOLUTION
    from sklearn.compose import make_column_transformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    # product_id is left out on purpose: holdout products are all new, so it cannot help there.
    text_features = make_column_transformer((TfidfVectorizer(sublinear_tf=True, min_df=2), "review"))
    model = make_pipeline(text_features, LogisticRegression(C=3, max_iter=1000))
    model.fit(X, y)
    ### END SOLUTION
    """,
)
nb.check(
    "check_model",
    2,
    """
    # Check: `model` is a fitted text classifier
    assert is_classifier(model), "`model` should be a scikit-learn classifier, or a Pipeline that ends in one"
    check_is_fitted(model)
    _sample = pd.DataFrame({"product_id": ["B000NEW", "B000NEW"], "review": ["Absolutely delicious, will buy again!", "Stale and overpriced."]})
    _proba = model.predict_proba(_sample)
    assert np.shape(_proba) == (2, 2), f"predict_proba should return one row per review and 2 columns, not {np.shape(_proba)}"
    assert list(model.classes_) == [0, 1], f"the model should be trained on the 0/1 target, its classes are {list(model.classes_)}"
    assert _proba[0, 1] > _proba[1, 1], "a raving review should score higher than a complaint: is the text used at all?"
    clone(model)  # the grader re-fits copies of your model, so it must be a proper estimator
    print("Model checks passed.")
    """,
)
nb.markdown(
    "task_evaluate",
    """
    ## 3. Estimate how good the model is, honestly

    Define `cv_scores` (the ROC AUC of each fold of a 5-fold cross-validation on the training reviews) and `cv_auc`
    (their mean, a float). Think about what "new" means here: the holdout's products are all new. The hidden
    check compares your `cv_auc` with your model's ROC AUC on the holdout reviews.
    """,
)
nb.answer(
    "evaluate",
    """
    ### BEGIN SOLUTION
    from sklearn.model_selection import StratifiedGroupKFold, cross_val_score

    # Group by product, so every fold is scored on products it never trained on, like the holdout.
    folds = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=RANDOM_STATE)
    cv_scores = cross_val_score(clone(model), X, y, groups=train["product_id"], cv=folds, scoring="roc_auc")
    cv_auc = float(np.mean(cv_scores))
    print(f"Cross-validated ROC AUC: {cv_auc:.3f} (folds {np.round(cv_scores, 3)})")
    ### END SOLUTION
    """,
)
nb.check(
    "check_evaluation",
    1,
    """
    # Check: a cross-validated estimate
    _scores = np.asarray(cv_scores, dtype=float)
    assert _scores.ndim == 1 and len(_scores) >= 5, f"`cv_scores` should hold one ROC AUC per fold (5 folds), not {_scores.shape}"
    assert ((_scores >= 0) & (_scores <= 1)).all(), "ROC AUC values lie between 0 and 1: is `scoring='roc_auc'` set?"
    assert isinstance(cv_auc, float) and abs(cv_auc - _scores.mean()) < 1e-9, "`cv_auc` should be the mean of `cv_scores`, as a float"
    print(f"Evaluation checks passed: cv_auc = {cv_auc:.3f}")
    """,
)
nb.hidden(
    "holdout_estimate",
    2,
    "Hidden check: the grader compares your `cv_auc` with your model's ROC AUC on the holdout reviews.",
    """
    from mleprep.handin import export_value

    export_value("holdout_estimate", cv_auc)
    """,
)
nb.markdown(
    "task_predict",
    """
    ## 4. Predict for the holdout reviews

    Define `holdout_predictions`: a DataFrame with one row per review in `data/holdout_features.csv`, in the same
    order, with the columns `review_id` and `great_probability`. Save it as `predictions.csv`.
    """,
)
nb.answer(
    "predict",
    """
    ### BEGIN SOLUTION
    holdout = clean(pd.read_csv(DATA / "holdout_features.csv"))
    holdout_predictions = pd.DataFrame(
        {
            "review_id": holdout["review_id"],
            "great_probability": model.predict_proba(holdout.drop(columns=["review_id"]))[:, 1],
        }
    )
    holdout_predictions.to_csv("predictions.csv", index=False)
    ### END SOLUTION
    """,
)
nb.check(
    "check_predictions",
    1,
    """
    # Check: the predictions file has the right shape
    _expected_ids = pd.read_csv(DATA / "holdout_features.csv")["review_id"]
    assert list(holdout_predictions.columns) == ["review_id", "great_probability"], (
        f"expected the columns ['review_id', 'great_probability'], got {list(holdout_predictions.columns)}"
    )
    assert holdout_predictions["review_id"].tolist() == _expected_ids.tolist(), (
        "`review_id` should list the holdout reviews in the order of data/holdout_features.csv"
    )
    _p = holdout_predictions["great_probability"]
    assert _p.notna().all() and _p.between(0, 1).all(), "every `great_probability` should be a probability between 0 and 1"
    assert Path("predictions.csv").is_file(), "save the predictions as predictions.csv"
    print("Prediction checks passed.")
    """,
)
nb.hidden(
    "holdout_quality",
    5,
    "Hidden check: the grader scores `model` against the holdout labels (ROC AUC), outside this notebook.",
    """
    from mleprep.handin import export_responses

    export_responses("holdout_quality", model, "data/holdout_features.csv", id_column="review_id", prepare=clean)
    """,
)
nb.markdown(
    "task_errors",
    """
    ## 5. Read the mistakes

    Get out-of-fold probabilities for the training reviews (`cross_val_predict(..., method="predict_proba")` with the
    same folds), then read the reviews the model gets most confidently wrong in each direction, and the words that
    push it most towards each class (the coefficients, if your model has them). This cell is not graded; part 6 is.
    """,
)
nb.code(
    "errors",
    """
    # Your error analysis (not graded): for example
    # from sklearn.model_selection import cross_val_predict
    # oof = cross_val_predict(clone(model), X, y, groups=train["product_id"], cv=folds, method="predict_proba")[:, 1]
    # wrong = train.assign(p=oof).query("(great == 1 and p < 0.2) or (great == 0 and p > 0.9)")
    """,
)
nb.markdown(
    "task_findings",
    """
    ## 6. Error analysis for the merchandising team

    Write 150 to 300 words for the head of merchandising, who is not a data scientist. A mentor grades it on this
    rubric (5 points, one per line):
    1. **How good it is, in their terms**: for example, among reviews it calls raving, how many really are.
    2. **The kinds of mistakes it makes**, with two or three short quoted examples from your error analysis
       (sarcasm, mixed reviews, complaints about delivery rather than the product, ...).
    3. **What would fix them**: more or different data, a different label, a different model, and what each costs.
    4. **Limits and risks**: new products, other languages, reviews that are not about food, drift over time.
    5. **Clear writing**: no unexplained jargon, short sentences, numbers rounded sensibly.
    """,
)
nb.written(
    "findings",
    5,
    """
    **How good it is.** Shown one 5-star review and one that is not, the model ranks the 5-star one higher about 86
    times in 100, on products it has never seen. Of the 300 reviews it is most sure are raving, roughly 9 in 10 are.

    **Its mistakes.** Three kinds stand out. Mixed reviews: "Great taste, but the box arrived crushed" reads as
    positive and was rated 3 stars. Short, flat praise: "Good coffee. Will buy again." is often a 5-star review the
    model doubts, because "good" is weaker than "love" in most reviews. Complaints about the seller, not the food
    ("shipping took three weeks") pull otherwise happy reviews down.

    **What would fix them.** Labelling a few hundred mixed reviews by topic (taste versus delivery) would let us
    separate product quality from delivery problems, which is what merchandising cares about. A model that reads
    word pairs ("not good") gains a little for little cost.

    **Limits.** It was trained on English food reviews from one site; it will be less reliable for other product
    types and languages. Trends should be read over dozens of reviews per product, never from one review, and the
    model should be checked against star ratings every quarter.

    **How I checked it.** Quality was estimated with cross-validation in which every fold held out whole products,
    as the holdout does, so the figure is what to expect on new products.
    """,
)

if __name__ == "__main__":
    nb.save(OUT)
