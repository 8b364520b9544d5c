"""Write source/prices/prices.ipynb, the house-price take-home (reference solution included).

.venv/bin/python scripts/make_prices_notebook.py && .venv/bin/mleprep release prices
"""

from __future__ import annotations

from pathlib import Path

from take_home_notebook import Notebook

OUT = Path(__file__).resolve().parents[1] / "source" / "prices" / "prices.ipynb"

nb = Notebook()
nb.markdown(
    "intro",
    """
    # Take-home: what will this house sell for?

    You are interviewing for a machine-learning engineer role at a property website. Sellers type in their house
    and get an estimated sale price; today a rule of thumb per neighbourhood does it and it is often far off. The
    valuation team wants a model, and to know **where it goes wrong**.

    **Time limit: 4 hours.** Work top to bottom. Cells that start with `# Check:` test your work as you go; run them.
    Cells that say *Hidden check* are empty for you: the grader fills them in.

    **You get** `data/train.csv` (2,347 sales in Ames, Iowa, 2006-2010, with `sale_price` in dollars) and
    `data/holdout_features.csv` (583 other sales, without the price). The grader knows their prices; you do not.
    The data has 73 columns: many categories, some missing values, and a few unusual sales.

    **How it is measured.** Errors on a cheap house matter as much as on an expensive one, so quality is the
    **root mean squared log error** (RMSLE): roughly, the typical error as a fraction of the price (0.12 is about 12%).

    **How this is graded (18 points: 13 autograded, 5 by a mentor)**
    | part | points | how |
    |---|---|---|
    | 1. Load and clean | 1 | visible check |
    | 2. A scikit-learn pipeline | 2 | visible check |
    | 3. An honest estimate of quality | 1 + 2 | visible check; hidden check: your estimate must agree with the holdout (within 0.03 RMSLE) |
    | 4. Holdout predictions | 1 + 5 | visible format check; hidden check: RMSLE on the holdout, full marks at 0.14 or below, half at 0.18, a quarter at 0.22 |
    | 5. Residual analysis | 1 | visible check on your out-of-fold predictions |
    | 6. Findings for the valuation team | 5 | a mentor grades them on the rubric shown there |
    """,
)
nb.setup(
    """
    from pathlib import Path

    import numpy as np
    import pandas as pd
    from sklearn.base import clone, is_regressor
    from sklearn.utils.validation import check_is_fitted

    DATA = Path("data")
    RANDOM_STATE = 0
    """
)
nb.markdown(
    "task_load",
    """
    ## 1. Load and clean the data

    Look at the data first: which columns have missing values, and what does a missing value *mean* there?

    Write `clean(raw)`: it takes a raw table as read from either CSV file (with `house_id`, with or without
    `sale_price`) and returns a cleaned copy **with the same rows in the same order**. Then define:
    - `train`: the cleaned training sales you will learn from. The data's author recommends leaving out houses
      with more than 4,000 square feet of living area (`gr_liv_area`): a handful of partial sales at odd prices.
      Decide, and say why in part 6. (Never drop rows from the holdout: every house needs a price.)
    - `X`: the features (every column except `house_id` and `sale_price`), `y`: `train["sale_price"]`.
    """,
)
nb.answer(
    "load_data",
    '''
    def clean(raw: pd.DataFrame) -> pd.DataFrame:
        """Return a cleaned copy of a raw sales table (train or holdout)."""
        ### BEGIN SOLUTION
        table = raw.copy()
        # Missing here means "there is none" (no masonry veneer, no extra feature), a category of its own.
        for column in ("mas_vnr_type", "misc_feature"):
            table[column] = table[column].fillna("None")
        return table
        ### END SOLUTION


    ### BEGIN SOLUTION
    raw_train = clean(pd.read_csv(DATA / "train.csv"))
    train = raw_train[raw_train["gr_liv_area"] <= 4000]
    X = train.drop(columns=["house_id", "sale_price"])
    y = train["sale_price"]
    ### END SOLUTION
    ''',
)
nb.check(
    "check_load",
    1,
    """
    # Check: the data is loaded and cleaned
    assert isinstance(train, pd.DataFrame) and 2300 <= len(train) <= 2347, (
        f"`train` should hold the training sales (2,347, or a few less without outliers); it has {len(train)} rows"
    )
    assert "sale_price" not in X.columns and "house_id" not in X.columns, (
        "`X` must not contain the target `sale_price` (that would leak the answer) or `house_id` (an identifier)"
    )
    assert len(X) == len(y) == len(train) and (y > 0).all(), "`y` should be the positive `sale_price` of each row of `train`"
    _holdout = clean(pd.read_csv(DATA / "holdout_features.csv"))
    assert len(_holdout) == 583, "`clean` must keep every holdout row (583): the grader needs a price for each house"
    print("Data checks passed.")
    """,
)
nb.markdown(
    "task_model",
    """
    ## 2. Build a scikit-learn pipeline

    Define `model`: a scikit-learn regressor, fitted on `X` and `y`, that takes the cleaned feature table **as it is**
    (numbers, text categories, missing values) and predicts the **sale price in dollars** with `predict`. Put every
    preprocessing step inside the pipeline. Prices are skewed and always positive: think about the target, too.
    """,
)
nb.answer(
    "build_model",
    """
    ### BEGIN SOLUTION
    from sklearn.compose import TransformedTargetRegressor, make_column_selector, make_column_transformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import RidgeCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    preprocess = make_column_transformer(
        (make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), make_column_selector(dtype_include="number")),
        (OneHotEncoder(handle_unknown="ignore"), make_column_selector(dtype_exclude="number")),
    )
    # Fitting log(price) makes errors relative, as the metric does, and keeps predictions positive.
    model = TransformedTargetRegressor(
        make_pipeline(preprocess, RidgeCV(alphas=np.logspace(-1, 3, 9))), func=np.log, inverse_func=np.exp
    )
    model.fit(X, y)
    ### END SOLUTION
    """,
)
nb.check(
    "check_model",
    2,
    """
    # Check: `model` is a fitted scikit-learn regressor that handles raw features
    assert is_regressor(model), "`model` should be a scikit-learn regressor, or a Pipeline that ends in one"
    check_is_fitted(model)
    _pred = np.asarray(model.predict(X.head(50)), dtype=float)
    assert _pred.shape == (50,), f"predict should return one price per house, not shape {_pred.shape}"
    assert (_pred > 0).all(), (
        "some predicted prices are zero or negative: RMSLE cannot score them. Model log(price) "
        "(TransformedTargetRegressor with np.log / np.exp) so predictions stay positive"
    )
    assert 20_000 < np.median(_pred) < 1_000_000, f"predictions should be prices in dollars; the median is {np.median(_pred):,.0f}"
    _odd = X.head(1).copy()
    _odd["neighborhood"] = "A_New_Neighborhood"
    _odd["lot_frontage"] = np.nan
    model.predict(_odd)  # a category never seen in training and a missing number: the pipeline must cope
    clone(model)  # the grader re-fits copies of your model, so it must be a proper estimator
    print("Model checks passed.")
    """,
)
nb.markdown(
    "task_evaluate",
    """
    ## 3. Estimate how good the model is, honestly

    Estimate the model's RMSLE on houses it has not seen, using only the training data: define `cv_scores` (the
    RMSLE of each fold of a 5-fold cross-validation, as positive numbers) and `cv_rmsle` (their mean, a float).
    scikit-learn's scorer is `"neg_root_mean_squared_log_error"`: it is negative because higher is better there.

    The hidden check compares your `cv_rmsle` with your model's real RMSLE on the holdout houses.
    """,
)
nb.answer(
    "evaluate",
    """
    ### BEGIN SOLUTION
    from sklearn.model_selection import KFold, cross_val_score

    folds = KFold(n_splits=5, shuffle=True, random_state=RANDOM_STATE)
    cv_scores = -cross_val_score(clone(model), X, y, cv=folds, scoring="neg_root_mean_squared_log_error")
    cv_rmsle = float(np.mean(cv_scores))
    print(f"Cross-validated RMSLE: {cv_rmsle:.3f} (folds {np.round(cv_scores, 3)})")
    ### END SOLUTION
    """,
)
nb.check(
    "check_evaluation",
    1,
    """
    # Check: a cross-validated estimate
    _scores = np.asarray(cv_scores, dtype=float)
    assert _scores.ndim == 1 and len(_scores) >= 5, f"`cv_scores` should hold one RMSLE per fold (5 folds), not {_scores.shape}"
    assert (_scores > 0).all(), "give RMSLE as positive numbers: scikit-learn's scorer returns them negated"
    assert (_scores < 2).all(), "an RMSLE above 2 means prices off by a factor of 7: is `y` in dollars?"
    assert isinstance(cv_rmsle, float) and abs(cv_rmsle - _scores.mean()) < 1e-9, "`cv_rmsle` should be the mean of `cv_scores`, as a float"
    print(f"Evaluation checks passed: cv_rmsle = {cv_rmsle:.3f}")
    """,
)
nb.hidden(
    "holdout_estimate",
    2,
    "Hidden check: the grader compares your `cv_rmsle` with your model's RMSLE on the holdout houses.",
    """
    from mleprep.handin import export_value

    export_value("holdout_estimate", cv_rmsle)
    """,
)
nb.markdown(
    "task_predict",
    """
    ## 4. Predict for the holdout houses

    Define `holdout_predictions`: a DataFrame with one row per house in `data/holdout_features.csv`, in the same
    order, with the columns `house_id` and `sale_price` (your predicted price in dollars). Save it as
    `predictions.csv`.
    """,
)
nb.answer(
    "predict",
    """
    ### BEGIN SOLUTION
    holdout = clean(pd.read_csv(DATA / "holdout_features.csv"))
    holdout_predictions = pd.DataFrame(
        {"house_id": holdout["house_id"], "sale_price": model.predict(holdout.drop(columns=["house_id"]))}
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
    _expected_ids = pd.read_csv(DATA / "holdout_features.csv")["house_id"]
    assert list(holdout_predictions.columns) == ["house_id", "sale_price"], (
        f"expected the columns ['house_id', 'sale_price'], got {list(holdout_predictions.columns)}"
    )
    assert holdout_predictions["house_id"].tolist() == _expected_ids.tolist(), (
        "`house_id` should list the holdout houses in the order of data/holdout_features.csv"
    )
    _p = holdout_predictions["sale_price"]
    assert _p.notna().all() and (_p > 0).all(), "every predicted `sale_price` should be a positive number"
    assert Path("predictions.csv").is_file(), "save the predictions as predictions.csv"
    print("Prediction checks passed.")
    """,
)
nb.hidden(
    "holdout_quality",
    5,
    "Hidden check: the grader scores `model` against the holdout prices (RMSLE), outside this notebook.",
    """
    from mleprep.handin import export_responses

    export_responses("holdout_quality", model, "data/holdout_features.csv", id_column="house_id", prepare=clean)
    """,
)
nb.markdown(
    "task_residuals",
    """
    ## 5. Where does the model go wrong?

    Define `oof_predictions`: for every training house, the price predicted by a model that did **not** see that
    house (out-of-fold predictions, e.g. `cross_val_predict`), as an array or Series aligned with `y`. Then look
    at the residuals `np.log(oof_predictions) - np.log(y)`: by neighbourhood, by size, by sale condition, against
    the predicted price. Plot what you find. Part 6 asks for your conclusions.
    """,
)
nb.answer(
    "residuals",
    """
    ### BEGIN SOLUTION
    from sklearn.model_selection import cross_val_predict

    oof_predictions = cross_val_predict(clone(model), X, y, cv=folds)
    log_residuals = pd.Series(np.log(oof_predictions) - np.log(y.to_numpy()), index=y.index)
    by_condition = log_residuals.groupby(train["sale_condition"]).agg(["mean", "std", "size"]).round(3)
    print(by_condition.sort_values("std", ascending=False))
    print(log_residuals.groupby(pd.qcut(y, 5)).agg(["mean", "std"]).round(3))
    ### END SOLUTION
    """,
)
nb.check(
    "check_residuals",
    1,
    """
    # Check: out-of-fold predictions for the residual analysis
    _oof = np.asarray(oof_predictions, dtype=float)
    assert _oof.shape == (len(y),), f"`oof_predictions` should have one price per training house ({len(y)}), not {_oof.shape}"
    assert (_oof > 0).all(), "out-of-fold prices should be positive"
    _in_sample = np.asarray(model.predict(X), dtype=float)
    assert not np.allclose(_oof, _in_sample), (
        "these are the predictions of the model fitted on all of `X`: residuals of houses the model has seen "
        "look better than they are. Use cross_val_predict"
    )
    print("Residual checks passed.")
    """,
)
nb.markdown(
    "task_findings",
    """
    ## 6. Findings for the valuation team

    Write 150 to 300 words for the head of valuations, who is not a data scientist. A mentor grades them on this
    rubric (5 points, one per line):
    1. **How good it is, in their terms**: the typical error in percent or dollars, compared with today's rule of thumb.
    2. **Where it goes wrong**: one or two groups of houses with larger or biased errors, found in your residuals.
    3. **What you did about the data**: the unusual sales you left out (or kept) and why, and what that means for
       estimates of such houses.
    4. **Limits and risks**: when estimates should not be shown to sellers, and how the model would go stale.
    5. **Clear writing**: no unexplained jargon, short sentences, numbers rounded sensibly.
    """,
)
nb.written(
    "findings",
    5,
    """
    **How good it is.** For a typical house the estimate is within about 11% of the sale price (a $160,000 house:
    within about $18,000). A price per neighbourhood alone is off by about 28%.

    **Where it goes wrong.** Errors are largest for the cheapest fifth of houses, which the model overprices, and for
    sales that were not normal market sales (family sales, foreclosures, partial sales of new builds): their prices
    depend on circumstances the data does not describe. Very large and very new houses are also less certain.

    **What I did about the data.** I left five houses over 4,000 square feet out of training: three of them sold far
    below their size, in partial or unusual sales. The model is therefore not reliable for houses that large; the
    website should show no estimate above that size.

    **Limits.** The data covers one town from 2006 to 2010, including the 2008 crash. Prices change over time and
    between towns, so the model must be retrained on recent local sales before it goes live, and checked every
    quarter against actual sale prices. For non-standard sales, show a range, not a single number.

    **How I checked it.** Quality was measured with 5-fold cross-validation on training houses only, and residuals
    came from houses the model had not seen.
    """,
)

if __name__ == "__main__":
    nb.save(OUT)
