"""Write source/fraud/fraud.ipynb, the card-fraud take-home (reference solution included).

.venv/bin/python scripts/make_fraud_notebook.py && .venv/bin/mleprep release fraud
"""

from __future__ import annotations

from pathlib import Path

from take_home_notebook import Notebook

OUT = Path(__file__).resolve().parents[1] / "source" / "fraud" / "fraud.ipynb"

nb = Notebook()
nb.markdown(
    "intro",
    """
    # Take-home: catch card fraud without drowning the review team

    You are interviewing for a machine-learning engineer role at a card issuer. Every card payment gets a fraud
    score in real time; payments above a threshold go to a human analyst. A missed fraud costs the bank the payment's
    amount; every flagged payment costs **5 euros** of analyst time. Fraud is rare: about 2 payments in 100.

    **Time limit: 5 hours.** Work top to bottom. Cells that start with `# Check:` test your work as you go; run them.
    Cells that say *Hidden check* are empty for you: the grader fills them in.

    **You get** `data/train.csv` (25,102 payments from January to May, with `is_fraud`) and
    `data/holdout_features.csv` (4,898 payments from June, without it). The columns:

    | column | meaning |
    |---|---|
    | `transaction_id`, `timestamp`, `customer_id` | identifiers and time of the payment |
    | `amount` | euros |
    | `merchant_category`, `channel` | what was bought, online or in store |
    | `merchant_country_differs` | 1 if the merchant is abroad for this cardholder |
    | `new_device` | 1 if an online payment came from a device never seen for this card |
    | `transactions_last_24h` | payments on the card in the previous 24 hours |
    | `customer_usual_amount` | the cardholder's median payment over the last 90 days |
    | `card_age_days`, `customer_age` | how old the card and the cardholder are |
    | `distance_from_home_km` | for in-store payments, distance from the cardholder's address (blank online) |
    | `chargeback_days` | days until the cardholder disputed the payment, filled in by the disputes team; blank if no dispute |

    **How this is graded (20 points: 15 autograded, 5 by a mentor)**
    | part | points | how |
    |---|---|---|
    | 1. Load and prepare | 1 | visible check |
    | 2. A scikit-learn pipeline | 2 + 2 | visible check; hidden check: the model must be usable when a payment happens |
    | 3. An honest estimate of quality | 1 + 2 | visible check; hidden check: your estimate must agree with the holdout (within 0.06 average precision) |
    | 4. A decision threshold | 1 | visible check: your threshold must cost less than 0.5 and than flagging nothing |
    | 5. Holdout predictions | 1 + 5 | visible format check; hidden check: average precision on June, full marks at 0.68, half at 0.60, a quarter at 0.50 |
    | 6. A note for the head of fraud operations | 5 | a mentor grades it on the rubric shown there |
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
    REVIEW_COST = 5.0  # euros of analyst time per flagged payment


    def fraud_cost(y_true, fraud_probability, amount, threshold):
        \"\"\"Euros lost: the amount of every missed fraud plus REVIEW_COST for every flagged payment.\"\"\"
        flagged = np.asarray(fraud_probability) >= threshold
        missed = (np.asarray(y_true) == 1) & ~flagged
        return float(np.asarray(amount)[missed].sum() + REVIEW_COST * flagged.sum())
    """
)
nb.markdown(
    "task_load",
    """
    ## 1. Load and prepare the data

    Read the column descriptions above carefully before you choose features: the model will score each payment
    **at the moment it happens**.

    Write `clean(raw)`: it takes a raw table as read from either CSV file (with `transaction_id`, with or without
    `is_fraud`) and returns a prepared copy **with the same rows in the same order** (add features if you like).
    Then define `train`, `X` (the features: drop `transaction_id`, `is_fraud` and anything else that does not
    belong in them) and `y` (`train["is_fraud"]`).
    """,
)
nb.answer(
    "load_data",
    '''
    def clean(raw: pd.DataFrame) -> pd.DataFrame:
        """Return a prepared copy of a raw payments table (train or holdout)."""
        ### BEGIN SOLUTION
        table = raw.copy()
        when = pd.to_datetime(table["timestamp"])
        table["hour"] = when.dt.hour
        table["amount_vs_usual"] = table["amount"] / table["customer_usual_amount"]
        # chargeback_days is written weeks after the payment: it is the answer in disguise, never a feature.
        return table.drop(columns=["timestamp", "customer_id", "chargeback_days"])
        ### END SOLUTION


    ### BEGIN SOLUTION
    train = clean(pd.read_csv(DATA / "train.csv"))
    X = train.drop(columns=["transaction_id", "is_fraud"])
    y = train["is_fraud"]
    ### END SOLUTION
    ''',
)
nb.check(
    "check_load",
    1,
    """
    # Check: the data is loaded
    assert isinstance(train, pd.DataFrame) and len(train) == 25102, f"`train` should keep all 25,102 payments; it has {len(train)}"
    assert "is_fraud" not in X.columns and "transaction_id" not in X.columns, "`X` must not contain the target `is_fraud` or `transaction_id`"
    assert len(X) == len(y) and set(pd.unique(y)) <= {0, 1} and 0.01 < y.mean() < 0.03, "`y` should be the 0/1 `is_fraud` column"
    _holdout = clean(pd.read_csv(DATA / "holdout_features.csv"))
    assert len(_holdout) == 4898, "`clean` must also work on the June payments (no `is_fraud`) and keep all 4,898 rows"
    print("Data checks passed.")
    """,
)
nb.markdown(
    "task_model",
    """
    ## 2. Build a scikit-learn pipeline

    Define `model`: a scikit-learn classifier, fitted on `X` and `y`, taking the prepared feature table as it is and
    returning the probability of fraud with `predict_proba`. Remember that 98 payments in 100 are legitimate.
    """,
)
nb.answer(
    "build_model",
    """
    ### BEGIN SOLUTION
    from sklearn.compose import make_column_selector, make_column_transformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder

    encode = make_column_transformer(
        (OneHotEncoder(handle_unknown="ignore", sparse_output=False), make_column_selector(dtype_exclude="number")),
        remainder="passthrough",
    )
    model = make_pipeline(encode, HistGradientBoostingClassifier(random_state=RANDOM_STATE))
    model.fit(X, y)
    ### END SOLUTION
    """,
)
nb.check(
    "check_model",
    2,
    """
    # Check: `model` is a fitted classifier that handles the prepared features
    assert is_classifier(model), "`model` should be a scikit-learn classifier, or a Pipeline that ends in one"
    check_is_fitted(model)
    _proba = model.predict_proba(X.head(50))
    assert np.shape(_proba) == (50, 2) and list(model.classes_) == [0, 1], "predict_proba should give P(legitimate), P(fraud) per payment"
    _june = clean(pd.read_csv(DATA / "holdout_features.csv")).drop(columns=["transaction_id"])
    model.predict_proba(_june.head(50))  # June payments, with blanks where the model may not expect them
    clone(model)  # the grader re-fits copies of your model, so it must be a proper estimator
    print("Model checks passed.")
    """,
)
nb.hidden(
    "usable_at_payment_time",
    2,
    "Hidden check: the model only uses what is known when the payment happens.",
    """
    _probe = pd.read_csv(DATA / "train.csv").head(400)
    _a = model.predict_proba(clean(_probe.assign(chargeback_days=np.nan)).drop(columns=["transaction_id", "is_fraud"]))[:, 1]
    _b = model.predict_proba(clean(_probe.assign(chargeback_days=20.0)).drop(columns=["transaction_id", "is_fraud"]))[:, 1]
    assert np.allclose(_a, _b), "the model's scores depend on chargeback_days, which is only known weeks later"
    """,
)
nb.markdown(
    "task_evaluate",
    """
    ## 3. Estimate how good the model is, honestly

    With 2% fraud, accuracy and ROC AUC flatter a model. Measure **average precision** (the area under the
    precision-recall curve; scikit-learn's `"average_precision"`). Define `cv_scores` (one per fold of a 5-fold
    cross-validation) and `cv_ap` (their mean, a float). The hidden check compares `cv_ap` with June.
    """,
)
nb.answer(
    "evaluate",
    """
    ### BEGIN SOLUTION
    from sklearn.model_selection import StratifiedKFold, cross_val_predict, cross_val_score

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=RANDOM_STATE)
    cv_scores = cross_val_score(clone(model), X, y, cv=folds, scoring="average_precision")
    cv_ap = float(np.mean(cv_scores))
    print(f"Cross-validated average precision: {cv_ap:.3f} (folds {np.round(cv_scores, 3)})")
    ### END SOLUTION
    """,
)
nb.check(
    "check_evaluation",
    1,
    """
    # Check: a cross-validated estimate
    _scores = np.asarray(cv_scores, dtype=float)
    assert _scores.ndim == 1 and len(_scores) >= 5, f"`cv_scores` should hold one average precision per fold (5 folds), not {_scores.shape}"
    assert ((_scores >= 0) & (_scores <= 1)).all(), "average precision lies between 0 and 1"
    assert isinstance(cv_ap, float) and abs(cv_ap - _scores.mean()) < 1e-9, "`cv_ap` should be the mean of `cv_scores`, as a float"
    print(f"Evaluation checks passed: cv_ap = {cv_ap:.3f}")
    """,
)
nb.hidden(
    "holdout_estimate",
    2,
    "Hidden check: the grader compares your `cv_ap` with your model's average precision on June.",
    """
    from mleprep.handin import export_value

    export_value("holdout_estimate", cv_ap)
    """,
)
nb.markdown(
    "task_threshold",
    """
    ## 4. Choose the decision threshold

    Payments scoring at or above `threshold` go to an analyst. Choose it to minimise the cost (`fraud_cost` in the
    setup cell) using out-of-fold probabilities for the training payments. Define `oof_proba` (one fraud
    probability per row of `X`, from models that did not see that row) and `threshold` (a float).
    """,
)
nb.answer(
    "choose_threshold",
    """
    ### BEGIN SOLUTION
    oof_proba = cross_val_predict(clone(model), X, y, cv=folds, method="predict_proba")[:, 1]
    candidates = np.linspace(0.005, 0.9, 180)
    costs = [fraud_cost(y, oof_proba, train["amount"], t) for t in candidates]
    threshold = float(candidates[int(np.argmin(costs))])
    print(f"threshold {threshold:.3f}: {min(costs):,.0f} euros, against {fraud_cost(y, oof_proba, train['amount'], 0.5):,.0f} at 0.5")
    ### END SOLUTION
    """,
)
nb.check(
    "check_threshold",
    1,
    """
    # Check: the threshold saves money
    _oof = np.asarray(oof_proba, dtype=float)
    assert _oof.shape == (len(y),), f"`oof_proba` should hold one probability per training payment ({len(y)}), not {_oof.shape}"
    assert isinstance(threshold, float) and 0 < threshold < 1, "`threshold` should be a probability between 0 and 1, as a float"
    _cost = fraud_cost(y, _oof, train["amount"], threshold)
    _default = fraud_cost(y, _oof, train["amount"], 0.5)
    _nothing = fraud_cost(y, _oof, train["amount"], 1.1)
    assert _cost <= _default and _cost <= _nothing, (
        f"your threshold costs {_cost:,.0f} euros; 0.5 costs {_default:,.0f} and flagging nothing {_nothing:,.0f}. "
        "Compute the cost for many thresholds and take the cheapest"
    )
    print(f"Threshold checks passed: {_cost:,.0f} euros at {threshold:.3f}")
    """,
)
nb.markdown(
    "task_predict",
    """
    ## 5. Score June

    Define `holdout_predictions`: one row per payment of `data/holdout_features.csv`, in the same order, with the
    columns `transaction_id`, `fraud_probability` and `flagged` (1 if at or above your threshold). Save it as
    `predictions.csv`.
    """,
)
nb.answer(
    "predict",
    """
    ### BEGIN SOLUTION
    holdout = clean(pd.read_csv(DATA / "holdout_features.csv"))
    _p = model.predict_proba(holdout.drop(columns=["transaction_id"]))[:, 1]
    holdout_predictions = pd.DataFrame(
        {"transaction_id": holdout["transaction_id"], "fraud_probability": _p, "flagged": (_p >= threshold).astype(int)}
    )
    holdout_predictions.to_csv("predictions.csv", index=False)
    print(f"{holdout_predictions['flagged'].sum()} of {len(holdout_predictions)} June payments flagged")
    ### END SOLUTION
    """,
)
nb.check(
    "check_predictions",
    1,
    """
    # Check: the predictions file has the right shape
    _expected_ids = pd.read_csv(DATA / "holdout_features.csv")["transaction_id"]
    assert list(holdout_predictions.columns) == ["transaction_id", "fraud_probability", "flagged"], (
        f"expected the columns ['transaction_id', 'fraud_probability', 'flagged'], got {list(holdout_predictions.columns)}"
    )
    assert holdout_predictions["transaction_id"].tolist() == _expected_ids.tolist(), "list the June payments in the file's order"
    _p = holdout_predictions["fraud_probability"]
    assert _p.notna().all() and _p.between(0, 1).all(), "every `fraud_probability` should be a probability"
    assert (holdout_predictions["flagged"] == (_p >= threshold).astype(int)).all(), "`flagged` should be 1 exactly when the probability reaches `threshold`"
    assert Path("predictions.csv").is_file(), "save the predictions as predictions.csv"
    print("Prediction checks passed.")
    """,
)
nb.hidden(
    "holdout_quality",
    5,
    "Hidden check: the grader scores `model` on June's outcomes (average precision), outside this notebook.",
    """
    from mleprep.handin import export_responses

    export_responses("holdout_quality", model, "data/holdout_features.csv", id_column="transaction_id", prepare=clean)
    """,
)
nb.markdown(
    "task_note",
    """
    ## 6. A note for the head of fraud operations

    Write 150 to 300 words for the head of fraud operations. A mentor grades it on this rubric (5 points, one each):
    1. **The operating point**: how many payments a day the analysts will review, and what share of fraud (and of
       fraud euros) that catches, at your threshold.
    2. **The money**: expected cost against today's alternatives (flag nothing, a simple amount rule).
    3. **The data trap**: which column you left out and why it would have made the model look perfect and fail live.
    4. **Limits and risks**: fraud patterns change (retraining, monitoring), feedback arrives weeks late, and
       which customers get flagged more often.
    5. **Clear writing**: no unexplained jargon, short sentences, numbers rounded sensibly.
    """,
)
nb.written(
    "note",
    5,
    """
    **Operating point.** At the chosen threshold, analysts would review about 60 payments a day, roughly 3 in 100.
    Those reviews catch about 8 in 10 frauds and close to 9 in 10 fraud euros, because large frauds score highest.

    **The money.** On January to May, the model with this threshold would have cost about a third of what
    flagging nothing costs (every fraud paid), and about half of a rule that flags every payment over 300 euros.

    **The data trap.** `chargeback_days` is filled in when a cardholder disputes a payment, weeks after it. In the
    history it is almost a perfect fraud label, so a model using it looks nearly perfect in testing, yet it is blank
    for every new payment. I left it out; the model only uses what is known at the moment of payment.

    **Limits.** Fraud changes quickly. We only learn which June payments were fraud when chargebacks arrive, so
    quality must be tracked with a delay and the model retrained every month. Online, foreign and late-night
    payments are flagged far more often; analysts should see why a payment was flagged, and we should check that
    young cardholders and travellers are not blocked unfairly often.

    **How I checked it.** Quality was measured with 5-fold cross-validation, and the threshold was chosen on
    predictions for payments the model had not seen.
    """,
)

if __name__ == "__main__":
    nb.save(OUT)
