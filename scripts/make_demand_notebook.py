"""Write source/demand/demand.ipynb, the ridership-forecasting take-home (reference solution included).

.venv/bin/python scripts/make_demand_notebook.py && .venv/bin/mleprep release demand
"""

from __future__ import annotations

from pathlib import Path

from take_home_notebook import Notebook

OUT = Path(__file__).resolve().parents[1] / "source" / "demand" / "demand.ipynb"

nb = Notebook()
nb.markdown(
    "intro",
    """
    # Take-home: forecast daily demand at a train station

    You are interviewing for a machine-learning engineer role at a transit agency. Staff rosters and train lengths
    for the Clark/Lake station in Chicago are planned **weeks ahead**; today the planners copy the count from two
    weeks earlier. They want a forecast that beats that rule, and to know how much to trust it.

    **Time limit: 4 hours.** Work top to bottom. Cells that start with `# Check:` test your work as you go; run them.
    Cells that say *Hidden check* are empty for you: the grader fills them in.

    **You get** `data/train.csv`: one row per day from 2001-01-22 to 2016-05-08, with `ridership` (thousands of
    entries at Clark/Lake that day) and what is known two weeks ahead: the entries at 20 stations 14 days earlier
    (`*_14_days_ago`, Clark/Lake included), the weather (as observed), and home and away games of Chicago's teams.
    `data/holdout_features.csv` has the same for the **next 16 weeks** (2016-05-09 to 2016-08-28), without
    `ridership`. The grader knows what happened; you do not.

    **How this is graded (16 points: 11 autograded, 5 by a mentor)**
    | part | points | how |
    |---|---|---|
    | 1. Load and add calendar features | 1 | visible check |
    | 2. A scikit-learn pipeline | 2 | visible check |
    | 3. A backtest without look-ahead, against the planners' rule | 2 | visible check |
    | 4. Forecasts for the next 16 weeks | 1 + 5 | visible format check; hidden check: mean absolute error, full marks at 0.90 thousand entries or below, half at 1.10, a quarter at 1.30 (the planners' rule scores 1.31) |
    | 5. A note for the planners | 5 | a mentor grades it on the rubric shown there |
    """,
)
nb.setup(
    """
    from pathlib import Path

    import numpy as np
    import pandas as pd
    from pandas.tseries.holiday import USFederalHolidayCalendar
    from sklearn.base import clone, is_regressor
    from sklearn.utils.validation import check_is_fitted

    DATA = Path("data")
    RANDOM_STATE = 0
    HOLIDAYS = set(USFederalHolidayCalendar().holidays("2000-01-01", "2017-12-31").strftime("%Y-%m-%d"))
    """
)
nb.markdown(
    "task_load",
    """
    ## 1. Load the data and add calendar features

    Plot a year of `ridership` first: commuters make the weekly pattern, holidays make the outliers.

    Write `clean(raw)`: it takes a raw table as read from either CSV file (with `date`, with or without
    `ridership`) and returns a copy **with the same rows in the same order**, with the calendar features you want
    (weekday, holidays from `HOLIDAYS`, month, ...). It must not need `ridership`: the future has none. Then define
    `train` (cleaned, in date order), `X` (every column except `date` and `ridership`) and `y` (`train["ridership"]`).
    """,
)
nb.answer(
    "load_data",
    '''
    def clean(raw: pd.DataFrame) -> pd.DataFrame:
        """Return a copy of a raw daily table with calendar features (train or future days)."""
        ### BEGIN SOLUTION
        table = raw.copy()
        day = pd.to_datetime(table["date"])
        table["weekday"] = day.dt.day_name()
        table["holiday"] = table["date"].isin(HOLIDAYS).astype(int)
        # Bridge days around holidays are quiet too.
        near = {(pd.Timestamp(h) + pd.Timedelta(days=d)).strftime("%Y-%m-%d") for h in HOLIDAYS for d in (-1, 1)}
        table["near_holiday"] = table["date"].isin(near).astype(int)
        table["month"] = day.dt.month
        table["year"] = day.dt.year
        table["day_of_year"] = day.dt.day_of_year
        return table
        ### END SOLUTION


    ### BEGIN SOLUTION
    train = clean(pd.read_csv(DATA / "train.csv")).sort_values("date").reset_index(drop=True)
    X = train.drop(columns=["date", "ridership"])
    y = train["ridership"]
    ### END SOLUTION
    ''',
)
nb.check(
    "check_load",
    1,
    """
    # Check: the data is loaded, in time order, with calendar features
    assert isinstance(train, pd.DataFrame) and len(train) == 5586, f"`train` should keep all 5,586 days; it has {len(train)}"
    assert train["date"].is_monotonic_increasing, "sort `train` by date: time series are validated in time order"
    assert "ridership" not in X.columns and "date" not in X.columns, "`X` must not contain the target `ridership` or the raw `date`"
    assert X.shape[1] > 48, "add calendar features in `clean` (weekday, holidays, ...): the raw columns do not say which day it is"
    _future = clean(pd.read_csv(DATA / "holdout_features.csv"))
    assert len(_future) == 112, "`clean` must work on the future days, which have no `ridership`, and keep all 112"
    print("Data checks passed.")
    """,
)
nb.markdown(
    "task_model",
    """
    ## 2. Build a scikit-learn pipeline

    Define `model`: a scikit-learn regressor, fitted on `X` and `y`, that takes the cleaned table as it is and
    predicts the day's ridership (thousands) with `predict`.
    """,
)
nb.answer(
    "build_model",
    """
    ### BEGIN SOLUTION
    from sklearn.compose import make_column_selector, make_column_transformer
    from sklearn.ensemble import HistGradientBoostingRegressor
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder

    encode = make_column_transformer(
        (OneHotEncoder(handle_unknown="ignore", sparse_output=False), make_column_selector(dtype_exclude="number")),
        remainder="passthrough",
    )
    model = make_pipeline(encode, HistGradientBoostingRegressor(random_state=RANDOM_STATE))
    model.fit(X, y)
    ### END SOLUTION
    """,
)
nb.check(
    "check_model",
    2,
    """
    # Check: `model` is a fitted regressor for the cleaned table
    assert is_regressor(model), "`model` should be a scikit-learn regressor, or a Pipeline that ends in one"
    check_is_fitted(model)
    _future = clean(pd.read_csv(DATA / "holdout_features.csv")).drop(columns=["date"])
    _pred = np.asarray(model.predict(_future), dtype=float)
    assert _pred.shape == (112,) and np.isfinite(_pred).all(), "the model should forecast every future day"
    clone(model)  # the grader re-fits copies of your model, so it must be a proper estimator
    print("Model checks passed.")
    """,
)
nb.markdown(
    "task_backtest",
    """
    ## 3. Backtest without look-ahead

    A forecast is only as trustworthy as its test. Shuffled cross-validation trains on the future to predict the
    past: it is not an option here. Define `cv_splits`: a list of `(train_rows, test_rows)` pairs of row positions
    in `train`, **each test window entirely after its training days**, at least 3 of them, ideally shaped like the
    real task (16 weeks, forecast from data up to the day before). Then define `backtest`: a DataFrame with one row
    per split and the columns `model_mae` (your model, refitted on that split's training days) and `naive_mae` (the
    planners' rule: `clark_lake_14_days_ago`), both mean absolute errors on the split's test days.
    """,
)
nb.answer(
    "backtest_model",
    """
    ### BEGIN SOLUTION
    from sklearn.metrics import mean_absolute_error

    days = pd.to_datetime(train["date"])
    cv_splits = []
    for year in (2012, 2013, 2014, 2015):
        # The same 16 weeks of earlier years, trained on everything before: the task as it will be.
        start = pd.Timestamp(f"{year}-05-09")
        test = np.flatnonzero((days >= start) & (days < start + pd.Timedelta(days=112)))
        cv_splits.append((np.flatnonzero(days < start), test))
    rows = []
    for fit_rows, test_rows in cv_splits:
        fitted = clone(model).fit(X.iloc[fit_rows], y.iloc[fit_rows])
        rows.append(
            {
                "test_start": train["date"].iloc[test_rows[0]],
                "model_mae": mean_absolute_error(y.iloc[test_rows], fitted.predict(X.iloc[test_rows])),
                "naive_mae": mean_absolute_error(y.iloc[test_rows], X["clark_lake_14_days_ago"].iloc[test_rows]),
            }
        )
    backtest = pd.DataFrame(rows)
    print(backtest.round(3))
    ### END SOLUTION
    """,
)
nb.check(
    "check_backtest",
    2,
    """
    # Check: a backtest in time order, against the planners' rule
    assert len(cv_splits) >= 3, "use at least 3 train/test splits"
    _dates = pd.to_datetime(train["date"]).to_numpy()
    for _i, (_fit, _test) in enumerate(cv_splits):
        _fit, _test = np.asarray(_fit), np.asarray(_test)
        assert len(_fit) and len(_test), f"split {_i} is empty"
        assert _dates[_fit].max() < _dates[_test].min(), (
            f"split {_i} trains on days after the ones it tests: that is look-ahead. Every test day must come "
            "after every training day of its split (TimeSeriesSplit does this, shuffled KFold does not)"
        )
    assert isinstance(backtest, pd.DataFrame) and {"model_mae", "naive_mae"} <= set(backtest.columns), (
        "`backtest` should have the columns model_mae and naive_mae"
    )
    assert len(backtest) == len(cv_splits), "`backtest` should have one row per split"
    _naive = [np.abs(y.iloc[np.asarray(t)] - X["clark_lake_14_days_ago"].iloc[np.asarray(t)]).mean() for _, t in cv_splits]
    assert np.allclose(backtest["naive_mae"], _naive, rtol=1e-6), "`naive_mae` should be the MAE of `clark_lake_14_days_ago` on each split's test days"
    print(f"Backtest checks passed: model {backtest['model_mae'].mean():.3f}, planners' rule {backtest['naive_mae'].mean():.3f}")
    """,
)
nb.markdown(
    "task_predict",
    """
    ## 4. Forecast the next 16 weeks

    Define `holdout_predictions`: one row per day of `data/holdout_features.csv`, in the same order, with the
    columns `date` and `ridership` (your forecast, thousands). Save it as `predictions.csv`.
    """,
)
nb.answer(
    "predict",
    """
    ### BEGIN SOLUTION
    future = clean(pd.read_csv(DATA / "holdout_features.csv"))
    holdout_predictions = pd.DataFrame({"date": future["date"], "ridership": model.predict(future.drop(columns=["date"]))})
    holdout_predictions.to_csv("predictions.csv", index=False)
    ### END SOLUTION
    """,
)
nb.check(
    "check_predictions",
    1,
    """
    # Check: the forecast file has the right shape
    _expected = pd.read_csv(DATA / "holdout_features.csv")["date"]
    assert list(holdout_predictions.columns) == ["date", "ridership"], f"expected the columns ['date', 'ridership'], got {list(holdout_predictions.columns)}"
    assert holdout_predictions["date"].tolist() == _expected.tolist(), "list the future days in the order of data/holdout_features.csv"
    assert holdout_predictions["ridership"].notna().all(), "forecast every day"
    assert Path("predictions.csv").is_file(), "save the forecast as predictions.csv"
    print("Forecast checks passed.")
    """,
)
nb.hidden(
    "holdout_quality",
    5,
    "Hidden check: the grader scores `model` on the 16 weeks that followed (mean absolute error), outside this notebook.",
    """
    from mleprep.handin import export_responses

    export_responses("holdout_quality", model, "data/holdout_features.csv", id_column="date", prepare=clean)
    """,
)
nb.markdown(
    "task_note",
    """
    ## 5. A note for the planners

    Write 150 to 300 words for the head of service planning. A mentor grades it on this rubric (5 points, one each):
    1. **Better than today?** Your backtest against the copy-two-weeks-ago rule, in entries per day and percent.
    2. **How much to trust it**: the typical error, and the days it gets most wrong (holidays, events, weather).
    3. **How you tested it**: why the test never used the future, in plain words.
    4. **Limits and risks**: what would break it (a new line, a pandemic, a fare change) and how you would notice.
    5. **Clear writing**: no unexplained jargon, short sentences, numbers rounded sensibly.
    """,
)
nb.written(
    "note",
    5,
    """
    **Better than today.** Tested on the same 16 summer weeks of 2012 to 2015, the forecast was off by about 800
    entries a day on average, against about 1,200 for copying the count from two weeks earlier: a third less error.

    **How much to trust it.** On a normal weekday the forecast is usually within 3 to 5% of the real count. The
    largest misses are holidays and the days around them, which the two-week rule gets badly wrong and the model
    mostly fixes, and one-off events (parades, storms) that no one knew two weeks ahead.

    **How I tested it.** Each test pretended to be on 8 May of an earlier year: the model learned only from days
    before that date and forecast the next 16 weeks, exactly as it will be used. It never saw the days it was
    tested on, nor anything after them.

    **Limits.** The model learns from the past 15 years. Anything that changes how people travel (a new line, a
    fare change, a shift to working from home) will make it wrong until it has learned from several weeks of new
    data. I would compare forecasts with actual counts every week and retrain monthly; if the error doubles for
    two weeks in a row, planners should fall back to the two-week rule.

    **Weather.** The model uses observed weather. Two weeks ahead, only forecasts exist, so real errors on rainy
    or snowy days will be a little larger than in my test.
    """,
)

if __name__ == "__main__":
    nb.save(OUT)
