"""Generate the checkout take-home's A/B test database (synthetic: no real shop's logs can be shipped).

Deterministic (seeds below); outputs are committed with sha256 sums. Needs only numpy, pandas and sqlite3.

    python scripts/make_checkout_data.py

The story: the growth team of an online shop randomised users 50/50, at their first visit to the
checkout during four weeks (2026-02-02 to 2026-03-01), between the three-step checkout ("control")
and a one-page checkout ("treatment"). A user converts when they place at least one order after
their first assignment and before the test ended (2026-03-02 00:00:00).

How it is made: about 950 users a day reach the checkout (more at weekends, an evening peak
within the day), on web, ios or android (about 55/25/20, more mobile at weekends), in six European
countries. Each user's chance to order depends on the platform, the country and whether they had
shopped before; the one-page checkout adds the same number of percentage points on every platform.
Orders come mostly minutes after the checkout visit, some days later, some after the test ended;
returning customers also have orders from before the test. About 3% of assignments are logged
twice (same variant, later time), and some visitors never reach the checkout.

The trap: a logging bug in one app release loses treatment assignment events on ONE platform for
part of the test. The one-page checkout logged its assignment only once the page had loaded, so the
users it loses are mostly those who gave up before it loaded and never ordered: treatment has
visibly fewer users (a sample-ratio mismatch), and treatment's conversion on that platform is
inflated. The lost users stay in `users` and keep their orders; they have no row in `assignments`.

PUBLIC (SEED_PUBLIC = 20261203, source/checkout/data/checkout.db): the bug hits android from
2026-02-06 to 2026-02-26 (it loses 45% of the treatment users who did not order and 8% of those who
did); the true lift is +1.8 percentage points on every platform.
VARIANT (SEED_VARIANT = 20261217, autograders/checkout/variant/checkout.db): the bug hits ios from
2026-02-12 to 2026-03-01 (45% of non-buyers, 10% of buyers lost); the true lift is +0.6 points;
base rates, daily traffic and the country mix differ a little. Every answer of the take-home
differs: the counts, the chi-square statistic, the platform to blame, the conversion rates and both
lifts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from data_files import write_sqlite, write_sums

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "source" / "checkout" / "data"
HIDDEN = ROOT / "autograders" / "checkout" / "variant"
DB_NAME = "checkout.db"
SEED_PUBLIC = 20261203
SEED_VARIANT = 20261217
TEST_START = pd.Timestamp("2026-02-02")
TEST_DAYS = 28
TEST_END = TEST_START + pd.Timedelta(days=TEST_DAYS)  # 2026-03-02 00:00:00, exclusive
EXTRACT_END = TEST_END + pd.Timedelta(days=7)  # the orders table was extracted a week later
PLATFORMS = ("web", "ios", "android")
COUNTRIES = ("GB", "DE", "FR", "NL", "ES", "IE")
# Monday first: a shop's checkout is busiest at the weekend.
WEEKDAY_FACTOR = np.array([1.04, 0.95, 0.93, 0.96, 1.00, 1.10, 1.18])
# Share of checkout visits by hour of day: quiet at night, a lunch bump and an evening peak.
HOUR_WEIGHT = np.array(
    [
        [2.0, 1.0, 0.6, 0.4, 0.4, 0.6, 1.2, 2.2, 3.2, 3.8, 4.2, 4.6],  # midnight to 11:00
        [5.4, 5.2, 4.6, 4.4, 4.6, 5.2, 6.2, 7.2, 7.8, 7.0, 5.2, 3.4],  # noon to 23:00
    ]
).ravel()


@dataclass(frozen=True)
class Scenario:
    seed: int
    daily_users: float
    platform_mix: tuple[float, float, float]  # web, ios, android on weekdays
    country_mix: tuple[float, ...]
    base_rate: dict[str, float]  # chance to order, by platform, for a first-time customer
    lift: float  # percentage points / 100 added by the one-page checkout
    bug_platform: str
    bug_start: str
    bug_end: str  # exclusive
    drop_non_buyers: float
    drop_buyers: float


PUBLIC_SCENARIO = Scenario(
    seed=SEED_PUBLIC,
    daily_users=960,
    platform_mix=(0.56, 0.25, 0.19),
    country_mix=(0.38, 0.22, 0.14, 0.10, 0.09, 0.07),
    base_rate={"web": 0.092, "ios": 0.105, "android": 0.072},
    lift=0.018,
    bug_platform="android",
    bug_start="2026-02-06",
    bug_end="2026-02-27",
    drop_non_buyers=0.45,
    drop_buyers=0.08,
)
VARIANT_SCENARIO = Scenario(
    seed=SEED_VARIANT,
    daily_users=930,
    platform_mix=(0.54, 0.26, 0.20),
    country_mix=(0.36, 0.24, 0.15, 0.09, 0.10, 0.06),
    base_rate={"web": 0.096, "ios": 0.110, "android": 0.076},
    lift=0.006,
    bug_platform="ios",
    bug_start="2026-02-12",
    bug_end="2026-03-02",
    drop_non_buyers=0.45,
    drop_buyers=0.10,
)
COUNTRY_SHIFT = {"GB": 0.004, "DE": 0.006, "FR": -0.004, "NL": 0.002, "ES": -0.010, "IE": 0.0}


def stamp(times: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    return np.asarray(pd.DatetimeIndex(times).strftime("%Y-%m-%d %H:%M:%S"))


def simulate(s: Scenario) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(s.seed)
    days = pd.date_range(TEST_START, periods=TEST_DAYS, freq="D")
    trend = np.linspace(0.97, 1.03, TEST_DAYS)  # a little growth over the month
    per_day = rng.poisson(s.daily_users * WEEKDAY_FACTOR[days.day_of_week] * trend)
    n = int(per_day.sum())
    day = np.repeat(np.arange(TEST_DAYS), per_day)
    weekend = days.day_of_week.to_numpy()[day] >= 5
    hour = rng.choice(24, n, p=HOUR_WEIGHT / HOUR_WEIGHT.sum())
    seconds = day * 86400 + hour * 3600 + rng.integers(0, 3600, n)
    assigned = TEST_START + pd.to_timedelta(seconds, unit="s")

    web, ios, _ = s.platform_mix
    mobile_boost = np.where(weekend, 0.06, 0.0)  # more phones at the weekend
    u = rng.random(n)
    platform = np.where(
        u < web - mobile_boost, "web", np.where(u < web + ios - mobile_boost / 2, "ios", "android")
    )
    country = rng.choice(COUNTRIES, n, p=np.array(s.country_mix) / sum(s.country_mix))
    variant = np.where(rng.random(n) < 0.5, "treatment", "control")
    returning = rng.random(n) < 0.35
    before_test = TEST_START - pd.to_timedelta(rng.integers(1, 400 * 86400, n), unit="s")
    this_visit = assigned - pd.to_timedelta(rng.exponential(40 * 60, n).astype(int) + 30, unit="s")
    first_seen = pd.DatetimeIndex(np.where(returning, before_test.to_numpy(), this_visit.to_numpy()))

    chance = (
        np.array([s.base_rate[p] for p in platform])
        + np.array([COUNTRY_SHIFT[c] for c in country])
        + 0.02 * returning
        + s.lift * (variant == "treatment")
    )
    buys = rng.random(n) < chance
    # The first order: most within the checkout session, a quarter days later (some after the test).
    quick = rng.random(n) < 0.75
    delay = np.where(quick, rng.uniform(90, 3600, n), rng.exponential(2.5 * 86400, n) + 3600)
    first_order = assigned + pd.to_timedelta(delay.astype(int), unit="s")
    order_user = [np.flatnonzero(buys)]
    order_time = [first_order[buys]]
    # Repeat orders by buyers, days later.
    repeat = buys & (rng.random(n) < 0.12)
    order_user.append(np.flatnonzero(repeat))
    order_time.append(
        first_order[repeat] + pd.to_timedelta(rng.integers(86400, 12 * 86400, n)[repeat], unit="s")
    )
    # Some who did not buy during the test come back after it ended.
    late = ~buys & (rng.random(n) < 0.03)
    order_user.append(np.flatnonzero(late))
    order_time.append(TEST_END + pd.to_timedelta(rng.integers(600, 7 * 86400 - 600, n)[late], unit="s"))
    # Returning customers' orders from before the test.
    earlier = rng.poisson(np.where(returning, 0.7, 0.0))
    who = np.repeat(np.arange(n), earlier)
    span = (TEST_START - first_seen[who]).total_seconds().to_numpy()
    order_user.append(who)
    order_time.append(first_seen[who] + pd.to_timedelta((rng.random(len(who)) * span).astype(int), unit="s"))

    orders = pd.DataFrame(
        {"user": np.concatenate(order_user), "time": pd.DatetimeIndex(np.concatenate(order_time))}
    )
    orders = orders[orders["time"] < EXTRACT_END]
    counted = orders[(orders["time"] >= assigned[orders["user"]]) & (orders["time"] < TEST_END)]
    converted = np.zeros(n, dtype=bool)
    converted[counted["user"].to_numpy()] = True

    # The logging bug: treatment assignments on one platform lost, mostly of those who never ordered.
    in_bug = (
        (platform == s.bug_platform)
        & (variant == "treatment")
        & (assigned >= pd.Timestamp(s.bug_start))
        & (assigned < pd.Timestamp(s.bug_end))
    )
    lost = in_bug & (rng.random(n) < np.where(converted, s.drop_buyers, s.drop_non_buyers))

    # About 3% of assignments are logged twice, with the same variant, a little later.
    twice = ~lost & (rng.random(n) < 0.03)
    again = assigned[twice] + pd.to_timedelta(rng.integers(5, 2 * 86400, n)[twice], unit="s")
    again = again.where(again < TEST_END, TEST_END - pd.Timedelta(seconds=1))

    # Visitors who never reached the checkout during the test.
    m = int(0.12 * n)
    visitor_seen = TEST_START + pd.to_timedelta(rng.integers(0, TEST_DAYS * 86400, m), unit="s")
    visitor_platform = rng.choice(PLATFORMS, m, p=np.array(s.platform_mix))
    visitor_country = rng.choice(COUNTRIES, m, p=np.array(s.country_mix) / sum(s.country_mix))

    # Ids: random, increasing with first visit (as a database sequence would hand them out).
    seen_all = np.concatenate([first_seen.to_numpy(), visitor_seen.to_numpy()])
    order_of_seen = np.argsort(seen_all, kind="stable")
    ids = np.empty(n + m, dtype=np.int64)
    ids[order_of_seen] = 100000 + np.cumsum(rng.integers(1, 30, n + m))
    users = pd.DataFrame(
        {
            "user_id": ids,
            "first_seen": stamp(pd.DatetimeIndex(seen_all)),
            "platform": np.concatenate([platform, visitor_platform]),
            "country": np.concatenate([country, visitor_country]),
        }
    ).sort_values("user_id")
    kept = np.flatnonzero(~lost)
    assignments = pd.DataFrame(
        {
            "user_id": np.concatenate([ids[kept], ids[np.flatnonzero(twice)]]),
            "variant": np.concatenate([variant[kept], variant[twice]]),
            "assigned_at": np.concatenate([stamp(assigned[kept]), stamp(again)]),
        }
    ).sort_values(["assigned_at", "user_id"])
    country_of_order = country[orders["user"].to_numpy()]
    basket = np.where(np.isin(country_of_order, ["GB", "IE"]), 4.05, 4.15)
    orders = orders.assign(
        user_id=ids[orders["user"].to_numpy()],
        ordered_at=stamp(orders["time"]),
        revenue=rng.lognormal(basket, 0.6, len(orders)).round(2),
    ).sort_values(["ordered_at", "user_id"])
    orders.insert(0, "order_id", 5_000_000 + np.arange(len(orders)) * 7 + rng.integers(0, 7, len(orders)))
    return {
        "users": users.reset_index(drop=True),
        "assignments": assignments.reset_index(drop=True),
        "orders": orders[["order_id", "user_id", "ordered_at", "revenue"]].reset_index(drop=True),
    }


SCHEMA = """
CREATE TABLE users (
    user_id INTEGER PRIMARY KEY,
    first_seen TEXT NOT NULL,
    platform TEXT NOT NULL,
    country TEXT NOT NULL
);
CREATE TABLE assignments (
    user_id INTEGER NOT NULL REFERENCES users (user_id),
    variant TEXT NOT NULL,
    assigned_at TEXT NOT NULL
);
CREATE TABLE orders (
    order_id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (user_id),
    ordered_at TEXT NOT NULL,
    revenue REAL NOT NULL
);
CREATE INDEX orders_by_user ON orders (user_id);
"""


def summary(tables: dict[str, pd.DataFrame]) -> str:
    a = tables["assignments"].drop_duplicates("user_id").merge(tables["users"], on="user_id")
    share = a.groupby("platform")["variant"].apply(lambda v: (v == "treatment").mean()).round(3)
    return (
        f"users {len(tables['users'])}, assignment rows {len(tables['assignments'])}, "
        f"orders {len(tables['orders'])}; assigned by variant {a['variant'].value_counts().to_dict()}; "
        f"treatment share by platform {share.to_dict()}"
    )


def main() -> None:
    for scenario, folder in ((PUBLIC_SCENARIO, PUBLIC), (VARIANT_SCENARIO, HIDDEN)):
        tables = simulate(scenario)
        write_sqlite(folder / DB_NAME, SCHEMA, tables)
        write_sums(folder, [DB_NAME])
        size = (folder / DB_NAME).stat().st_size / 1e6
        print(f"{folder.relative_to(ROOT) / DB_NAME} ({size:.1f} MB): {summary(tables)}")


if __name__ == "__main__":
    main()
