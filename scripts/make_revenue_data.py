"""Generate the revenue take-home's shop database (synthetic: no real customer data can be shipped).

Deterministic (seeds below); outputs are committed with sha256 sums. Needs only numpy, pandas and the
standard library's sqlite3.

    python scripts/make_revenue_data.py

What it writes: one SQLite file per story, with two tables,
`customers(customer_id, signed_up, region, acquisition_channel)` and
`orders(order_id, customer_id, ordered_at, device, items, revenue, discount)`, twelve months of orders
(November 2024 to October 2025). `revenue` is what the customer paid, after `discount`.

How it is made: a base of customers who joined before the window plus a flow of new sign-ups, each
with a region, an acquisition channel, a hidden order rate, a hidden lifetime (subscribers cancel) and
a hidden liking for the app. Each day's number of orders follows the season (Black Friday, Christmas,
a summer lull, back to school), the weekday (Sunday evening planning) and day-to-day noise; the orders
go to the customers active that day, in proportion to their rate. Baskets are log-normal (app baskets
smaller than web ones, Christmas baskets larger); a new customer's first order gets a welcome discount
and about one order in seven a promo code. Then October's story is applied.

PUBLIC (seed PUBLIC_SEED = 20251103, source/revenue/data/shop.db): an app release on 1 October 2025
breaks checkout for part of the app's users: a third of October's app orders never happen (a tenth of
those customers order on the web instead). Two smaller things also happen: paid social is cut from
mid-September (fewer new sign-ups from social) and the north runs a small 10%-off trial in October.
September to October revenue falls about 13% (-£24.9k), more than all of it app revenue (-£25.7k);
because app baskets are smaller, average order value RISES, so reading the drop from average order
value points the wrong way (fewer orders -£29.5k, higher average order value +£4.6k).

VARIANT (seed VARIANT_SEED = 20251117, autograders/revenue/variant/shop.db): the same months and
schema, other region sizes and app shares; the app works and social is not cut. Instead the south runs
a deep October discount campaign (35% off on three orders in four, a few more orders): south order
numbers hold up but its average order value falls by about a quarter, so revenue falls about 12%,
driven by the south and by order value, not by the number of orders (fewer orders -£5.1k, lower
average order value -£20.3k). Every answer of the take-home differs: the segment to blame, the volume
and value split and all the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from data_files import write_sqlite, write_sums

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "source" / "revenue" / "data"
HIDDEN = ROOT / "autograders" / "revenue" / "variant"
NAME = "shop.db"
PUBLIC_SEED = 20251103
VARIANT_SEED = 20251117

START, END = pd.Timestamp("2024-11-01"), pd.Timestamp("2025-10-31")
OCTOBER = pd.Timestamp("2025-10-01")
REGIONS = ["north", "south", "east", "west"]
CHANNELS = ["search", "social", "referral", "email"]
ORDERS_PER_DAY = 130
# Orders per day by calendar month, relative to an ordinary month.
SEASON = {
    11: 1.08,
    12: 1.12,
    1: 0.93,
    2: 0.97,
    3: 1.0,
    4: 0.98,
    5: 0.96,
    6: 0.93,
    7: 0.88,
    8: 0.86,
    9: 1.03,
    10: 0.985,
}
WEEKDAY = [1.08, 1.0, 0.98, 0.97, 0.86, 0.84, 1.27]  # Monday .. Sunday
HOUR_WEB = np.array(
    [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2.5, 4, 5, 5.5, 6, 7, 6.5, 5.5, 5, 5, 5.5, 6.5, 7, 7, 6, 4, 2]
)
HOUR_APP = np.array(
    [2, 1, 0.5, 0.3, 0.3, 0.5, 1.5, 3.5, 4, 3.5, 3.5, 4, 5.5, 5, 4, 4, 4.5, 6, 8, 9.5, 10, 9, 6, 3.5]
)
CHANNEL_APP = {"search": -0.35, "social": 0.9, "referral": 0.1, "email": -0.25}  # log-odds of using the app
REGION_BASKET = {"north": 0.97, "south": 1.0, "east": 0.98, "west": 1.05}


@dataclass(frozen=True)
class Story:
    seed: int
    region_shares: tuple[float, float, float, float]
    channel_shares: tuple[float, float, float, float]
    app_logit: float  # how much customers use the app overall
    app_loss: float  # share of October's app orders lost to the broken release
    app_to_web: float  # share of those lost orders placed on the web instead
    social_cut: float  # new sign-ups from social from 15 September, relative to before
    campaign_region: str  # the region with an October discount campaign
    campaign_share: float  # share of its October orders that use it
    campaign_off: float  # the discount, as a share of the basket
    campaign_lift: float  # extra October orders in that region


PUBLIC_STORY = Story(
    seed=PUBLIC_SEED,
    region_shares=(0.24, 0.27, 0.2, 0.29),
    channel_shares=(0.36, 0.26, 0.14, 0.24),
    app_logit=-0.45,
    app_loss=0.33,
    app_to_web=0.1,
    social_cut=0.6,
    campaign_region="north",
    campaign_share=0.25,
    campaign_off=0.1,
    campaign_lift=0.02,
)
VARIANT_STORY = Story(
    seed=VARIANT_SEED,
    region_shares=(0.2, 0.36, 0.17, 0.27),
    channel_shares=(0.32, 0.22, 0.18, 0.28),
    app_logit=-0.35,
    app_loss=0.0,
    app_to_web=0.0,
    social_cut=1.0,
    campaign_region="south",
    campaign_share=0.75,
    campaign_off=0.35,
    campaign_lift=0.06,
)


def make_customers(story: Story, rng: np.random.Generator) -> pd.DataFrame:
    """Customers active at some point in the window: an existing base and a year of new sign-ups."""
    existing = 9000
    joined_before = START - pd.to_timedelta(rng.integers(1, 3 * 365, existing), unit="D")
    days = pd.date_range(START, END)
    season = np.array([SEASON[d.month] for d in days])
    new_per_day = rng.poisson(19 * season * rng.gamma(20, 1 / 20, len(days)))
    joined_new = np.repeat(days.to_numpy(), new_per_day)
    signed_up = pd.DatetimeIndex(np.concatenate([joined_before.to_numpy(), joined_new]))
    n = len(signed_up)
    channel = rng.choice(CHANNELS, n, p=story.channel_shares)
    # Paid social was cut from mid-September: drop that share of the new social sign-ups.
    cut = (signed_up >= pd.Timestamp("2025-09-15")) & (channel == "social")
    keep = ~cut | (rng.random(n) < story.social_cut)
    signed_up, channel = signed_up[keep], channel[keep]
    n = len(signed_up)
    # Subscribers cancel: lifetimes are exponential, counted from the window's start for the base.
    since = np.maximum(signed_up, START)
    cancelled = since + pd.to_timedelta(rng.exponential(480, n).round(), unit="D")
    table = pd.DataFrame(
        {
            "signed_up": signed_up,
            "region": rng.choice(REGIONS, n, p=story.region_shares),
            "acquisition_channel": channel,
            "cancelled": cancelled,
            "rate": rng.gamma(1.6, 1 / 1.6, n),
            "basket": rng.lognormal(0, 0.25, n),
        }
    )
    recent = (signed_up >= pd.Timestamp("2024-01-01")).astype(float)
    logit = story.app_logit + table["acquisition_channel"].map(CHANNEL_APP) + 0.4 * recent
    table["p_app"] = 1 / (1 + np.exp(-(logit + rng.normal(0, 1.2, n))))
    table = table.sort_values("signed_up", kind="stable").reset_index(drop=True)
    table.insert(0, "customer_id", np.arange(10001, 10001 + len(table)))
    return table


def make_orders(story: Story, customers: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    signed = customers["signed_up"].to_numpy()
    cancelled = customers["cancelled"].to_numpy()
    rate = customers["rate"].to_numpy()
    in_campaign = (customers["region"] == story.campaign_region).to_numpy()
    rows = []
    typical_active = rate[(signed <= START.to_datetime64()) & (cancelled > START.to_datetime64())].sum()
    for day in pd.date_range(START, END):
        now = day.to_datetime64()
        weight = rate * ((signed <= now) & (cancelled > now))
        if day >= OCTOBER:
            weight = weight * np.where(in_campaign, 1 + story.campaign_lift, 1.0)
        level = ORDERS_PER_DAY * SEASON[day.month] * WEEKDAY[day.day_of_week] * weight.sum() / typical_active
        if day.month == 11 and 27 <= day.day <= 30:  # Black Friday weekend
            level *= 1.6
        if day.month == 12 and 14 <= day.day <= 22:  # the Christmas order rush
            level *= 1.35
        if day.month == 12 and day.day in (25, 26):
            level *= 0.3
        count = rng.poisson(level * rng.gamma(80, 1 / 80))
        who = rng.choice(len(rate), count, p=weight / weight.sum())
        rows.append(pd.DataFrame({"row": who, "day": day}))
    orders = pd.concat(rows, ignore_index=True)
    cust = customers.iloc[orders["row"].to_numpy()].reset_index(drop=True)
    n = len(orders)
    app = rng.random(n) < cust["p_app"].to_numpy()
    hour = np.where(
        app, rng.choice(24, n, p=HOUR_APP / HOUR_APP.sum()), rng.choice(24, n, p=HOUR_WEB / HOUR_WEB.sum())
    )
    at = orders["day"] + pd.to_timedelta(hour * 3600 + rng.integers(0, 3600, n), unit="s")
    month = orders["day"].dt.month.to_numpy()
    season_basket = np.select([month == 12, month == 11], [1.14, 1.05], 1.0)
    median = np.where(app, 41.0, 54.0) * season_basket * cust["region"].map(REGION_BASKET).to_numpy()
    gross = np.maximum(median * cust["basket"].to_numpy() * rng.lognormal(0, 0.45, n), 9.5).round(2)
    items = np.maximum(1, np.round(gross / rng.lognormal(np.log(11.5), 0.25, n))).astype(int)
    share_off = np.where(rng.random(n) < 0.14, rng.choice([0.1, 0.15, 0.2], n), 0.0)
    table = pd.DataFrame(
        {
            "customer_id": cust["customer_id"].to_numpy(),
            "ordered_at": at,
            "app": app,
            "items": items,
            "gross": gross,
            "share_off": share_off,
            "region": cust["region"].to_numpy(),
            "signed_up": cust["signed_up"].to_numpy(),
        }
    ).sort_values(["ordered_at", "customer_id"], kind="stable", ignore_index=True)
    # A new customer's first order gets the 25% welcome discount.
    first = ~table["customer_id"].duplicated() & (table["signed_up"] >= START)
    table.loc[first, "share_off"] = 0.25
    # October: the region's campaign discount, where it beats the customer's other discount.
    october = (table["ordered_at"] >= OCTOBER).to_numpy()
    campaign = october & (table["region"] == story.campaign_region).to_numpy()
    campaign &= rng.random(len(table)) < story.campaign_share
    table.loc[campaign, "share_off"] = np.maximum(table.loc[campaign, "share_off"], story.campaign_off)
    # October: the broken app release loses app orders; a few of those customers use the web instead.
    broken = october & table["app"].to_numpy()
    lost = broken & (rng.random(len(table)) < story.app_loss)
    moved = lost & (rng.random(len(table)) < story.app_to_web)
    table.loc[moved, "app"] = False
    table.loc[moved, "gross"] = (table.loc[moved, "gross"] * 54 / 41).round(2)
    table = table[~(lost & ~moved)].reset_index(drop=True)
    discount = (table["gross"] * table["share_off"]).round(2)
    return pd.DataFrame(
        {
            "order_id": np.arange(100001, 100001 + len(table)),
            "customer_id": table["customer_id"],
            "ordered_at": table["ordered_at"].dt.strftime("%Y-%m-%d %H:%M:%S"),
            "device": np.where(table["app"], "app", "web"),
            "items": table["items"],
            "revenue": (table["gross"] - discount).round(2),
            "discount": discount,
        }
    )


# SQLite keeps each CREATE statement's text in the file: this indentation is the committed file's.
SCHEMA = """
            PRAGMA page_size = 4096;
            CREATE TABLE customers (
                customer_id INTEGER PRIMARY KEY,
                signed_up TEXT NOT NULL,
                region TEXT NOT NULL,
                acquisition_channel TEXT NOT NULL
            );
            CREATE TABLE orders (
                order_id INTEGER PRIMARY KEY,
                customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
                ordered_at TEXT NOT NULL,
                device TEXT NOT NULL,
                items INTEGER NOT NULL,
                revenue REAL NOT NULL,
                discount REAL NOT NULL
            );
            """


def build(story: Story, path: Path) -> pd.DataFrame:
    rng = np.random.default_rng(story.seed)
    customers = make_customers(story, rng)
    orders = make_orders(story, customers, rng)
    # Only customers who could have ordered in the window: joined before its end, not cancelled before it.
    customers = customers[customers["cancelled"] > START]
    people = customers.assign(signed_up=customers["signed_up"].dt.strftime("%Y-%m-%d"))
    people = people[["customer_id", "signed_up", "region", "acquisition_channel"]]
    write_sqlite(path, SCHEMA, {"customers": people, "orders": orders})
    return orders


def main() -> None:
    for story, folder in ((PUBLIC_STORY, PUBLIC), (VARIANT_STORY, HIDDEN)):
        orders = build(story, folder / NAME)
        write_sums(folder, [NAME])
        month = orders["ordered_at"].str[:7]
        monthly = orders.groupby(month)["revenue"].agg(["size", "sum"])
        sep, oct_ = monthly.loc["2025-09"], monthly.loc["2025-10"]
        print(
            f"{folder / NAME}: {len(orders):,} orders, {(folder / NAME).stat().st_size / 1e6:.2f} MB; "
            f"September to October revenue {oct_['sum'] / sep['sum'] - 1:+.1%}, "
            f"orders {oct_['size'] / sep['size'] - 1:+.1%}"
        )


if __name__ == "__main__":
    main()
