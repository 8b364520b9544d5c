"""Generate the stocks take-home's daily closing prices (synthetic: no public source to look answers up in).

Deterministic (seed below); outputs are committed with sha256 sums. Needs only numpy and pandas.

    python scripts/make_stocks_data.py

How it is made: 40 fictional stocks in 5 sectors trade on the weekdays of 2020 to 2025, except New Year's
Day, 1 May, 25 and 26 December. A stock's daily log-return is a tiny drift plus its exposure to a market
factor, plus its exposure to its sector's factor, plus its own news. Each of these has GARCH(1,1)-like
volatility (a big move today makes big moves more likely for a few weeks) and Student-t shocks (fat tails),
but their signs are independent from day to day: tomorrow's return cannot be predicted beyond the drift.
Closes are rounded to cents, and every return below is computed from the rounded closes, as a candidate
would compute it.

Files:
- `source/stocks/data/prices.csv`: `date, ticker, sector, close` for 2020 to 2024, every stock, every day.
- `source/stocks/data/holdout_features.csv`: one row per (stock, origin) for 12 origins in 2025:
  `row_id, ticker, sector, r_1 ... r_20`, r_1 the return (percent) on the origin day, r_20 nineteen trading
  days earlier. The origins are 21 trading days apart and cover 2025 exactly: the 20 days of each window and
  the target day after them, then the next window. So no row holds another row's target day, and nothing
  but returns (no price level, no date) is given: a later row says nothing about an earlier row's target.
- `autograders/stocks/holdout_labels.csv`: `row_id, next_return`, the return on the day after the origin,
  and `cluster`, the origin day (rows of one day are resampled together by calibrate's bootstrap).
Rows are shuffled and get opaque ids.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from data_files import write_sums

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "source" / "stocks" / "data"
HIDDEN = ROOT / "autograders" / "stocks"
SEED = 20261203
FIRST_DAY, LAST_DAY = "2020-01-01", "2025-12-31"
HOLDOUT_FROM = "2025-01-01"  # the last year is the holdout: its prices are never published
HOLIDAYS = ("01-01", "05-01", "12-25", "12-26")  # month-day, skipped when they fall on a weekday
WINDOW = 20  # returns per holdout row
SPACING = WINDOW + 1  # trading days between origins: a window and its target day
ORIGINS = 12
SECTORS = {  # sector: the fictional tickers in it
    "technology": ["QVRX", "ZENQ", "LUMQ", "KRYX", "NXBQ", "DAQT", "PIXQ", "CYFZ"],
    "energy": ["PTRQ", "SOLQ", "WNDX", "GASQ", "OILZ", "FLRX", "HYDQ", "CRBZ"],
    "healthcare": ["MEDQ", "CURX", "VITZ", "GENQ", "PLSX", "BIOQ", "NRVZ", "THRQ"],
    "banks": ["BNKQ", "CRDX", "LNDZ", "VLTQ", "TRSX", "MNTQ", "CAPZ", "FINQ"],
    "consumer": ["SHPQ", "BRWX", "FODZ", "TOYQ", "HOMX", "WEAQ", "STYZ", "CAFQ"],
}
DRIFT = 0.0003  # log-return per day, about 8% a year: the only predictable part of a return
BURN_IN = 500  # days simulated and thrown away, so volatility starts from its long-run distribution


def garch_shocks(
    rng: np.random.Generator, days: int, daily_vol: np.ndarray, alpha: float, beta: float, df: float
) -> np.ndarray:
    """Shocks (days x series) with GARCH(1,1) variance: s2[t] = w + alpha * e[t-1]**2 + beta * s2[t-1],
    long-run standard deviation `daily_vol`, and unit-variance Student-t innovations with `df` degrees."""
    daily_vol = np.asarray(daily_vol, dtype=float)
    omega = daily_vol**2 * (1 - alpha - beta)
    z = rng.standard_t(df, size=(days + BURN_IN, daily_vol.size)) * np.sqrt((df - 2) / df)
    var = daily_vol**2
    out = np.empty_like(z)
    for t in range(days + BURN_IN):
        out[t] = np.sqrt(var) * z[t]
        var = omega + alpha * out[t] ** 2 + beta * var
    return out[BURN_IN:]


def trading_days() -> pd.DatetimeIndex:
    days = pd.bdate_range(FIRST_DAY, LAST_DAY)
    return days[~days.strftime("%m-%d").isin(HOLIDAYS)]


def main() -> None:
    rng = np.random.default_rng(SEED)
    days = trading_days()
    tickers = [t for names in SECTORS.values() for t in names]
    sector_of = np.array([s for s, names in SECTORS.items() for _ in names])
    sector_index = np.array([list(SECTORS).index(s) for s in sector_of])
    n_days, n_stocks = len(days), len(tickers)

    market = garch_shocks(rng, n_days, np.array([0.009]), alpha=0.09, beta=0.89, df=5)[:, 0]
    sectors = garch_shocks(rng, n_days, np.full(len(SECTORS), 0.006), alpha=0.07, beta=0.90, df=5)
    own = garch_shocks(rng, n_days, rng.uniform(0.010, 0.018, n_stocks), alpha=0.05, beta=0.92, df=4)
    beta_market = rng.uniform(0.7, 1.3, n_stocks)
    beta_sector = rng.uniform(0.6, 1.2, n_stocks)
    log_returns = DRIFT + market[:, None] * beta_market + sectors[:, sector_index] * beta_sector + own
    log_returns[0] = 0.0  # the first day is the starting price
    start = np.exp(rng.uniform(np.log(25), np.log(250), n_stocks))
    close = np.round(start * np.exp(np.cumsum(log_returns, axis=0)), 2)
    returns = 100 * (close[1:] / close[:-1] - 1)  # percent; returns[i] is the return on days[i + 1]

    in_training = days < pd.Timestamp(HOLDOUT_FROM)
    prices = pd.DataFrame(
        {
            "date": np.repeat(days[in_training].strftime("%Y-%m-%d"), n_stocks),
            "ticker": np.tile(tickers, in_training.sum()),
            "sector": np.tile(sector_of, in_training.sum()),
            "close": close[in_training].ravel(),
        }
    )

    # Origins: the WINDOW-th trading day of 2025, then every SPACING days; each target is the next day.
    first_holdout_day = int(np.argmax(~in_training))
    origins = first_holdout_day + WINDOW - 1 + SPACING * np.arange(ORIGINS)
    assert origins[-1] + 1 < n_days, "the last origin needs a next trading day"
    rows = []
    for origin in origins:
        # returns[d - 1] is the return on day d: r_1 on the origin day, r_WINDOW on origin - WINDOW + 1.
        window = returns[origin - 1 - np.arange(WINDOW)]  # (WINDOW, stocks), most recent first
        target = returns[origin]  # the day after the origin
        for j, ticker in enumerate(tickers):
            day = days[origin].strftime("%Y-%m-%d")
            rows.append([ticker, sector_of[j], *np.round(window[:, j], 4), round(float(target[j]), 4), day])
    columns = ["ticker", "sector", *[f"r_{k}" for k in range(1, WINDOW + 1)], "next_return", "cluster"]
    holdout = pd.DataFrame(rows, columns=columns)
    holdout = holdout.iloc[rng.permutation(len(holdout))].reset_index(drop=True)
    ids = set()
    while len(ids) < len(holdout):
        ids.add(f"ROW-{rng.integers(0, 16**10):010x}")
    holdout.insert(0, "row_id", rng.permutation(sorted(ids)))

    PUBLIC.mkdir(parents=True, exist_ok=True)
    HIDDEN.mkdir(parents=True, exist_ok=True)
    prices.to_csv(PUBLIC / "prices.csv", index=False)
    holdout.drop(columns=["next_return", "cluster"]).to_csv(PUBLIC / "holdout_features.csv", index=False)
    # The origin day as each row's cluster: rows of one day share its market move, so calibrate's
    # bootstrap resamples days, not rows (a row bootstrap understated the sampling error by half).
    holdout[["row_id", "next_return", "cluster"]].to_csv(HIDDEN / "holdout_labels.csv", index=False)
    write_sums(PUBLIC, ["prices.csv", "holdout_features.csv"])
    write_sums(HIDDEN, ["holdout_labels.csv"])
    print(
        f"prices {prices.shape} ({prices['date'].min()} to {prices['date'].max()}, "
        f"{in_training.sum()} days), "
        f"holdout {holdout.shape}: origins {', '.join(days[origins].strftime('%Y-%m-%d'))}; "
        f"holdout RMSE of predicting 0: {np.sqrt(np.mean(holdout['next_return'] ** 2)):.4f}"
    )


if __name__ == "__main__":
    main()
