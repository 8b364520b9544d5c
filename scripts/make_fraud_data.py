"""Generate the fraud take-home's card transactions (synthetic: no real card data can be shipped).

Deterministic (seed below); outputs are committed with sha256 sums. Needs only numpy and pandas.

    python scripts/make_fraud_data.py

How it is made: customers with a home location, a usual spend and a card age; transactions drawn per
customer over six months; fraud is more likely for card-not-present, unusual amounts, new devices,
foreign merchants, bursts of activity, night hours and risky merchant categories. `chargeback_days`
(days until the cardholder disputed the payment) is filled in after the fact: almost always for fraud
in the training months, never yet for the holdout month, exactly as in a live system.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from data_files import write_sums

ROOT = Path(__file__).resolve().parents[1]
PUBLIC = ROOT / "source" / "fraud" / "data"
HIDDEN = ROOT / "autograders" / "fraud"
SEED = 20261125
CUSTOMERS = 4000
TRANSACTIONS = 30000
CATEGORIES = {  # name: (share of transactions, fraud log-odds, typical amount)
    "grocery": (0.26, -1.2, 45),
    "restaurants": (0.16, -0.8, 38),
    "fuel": (0.12, -0.6, 55),
    "fashion": (0.12, 0.2, 80),
    "travel": (0.07, 0.6, 320),
    "electronics": (0.09, 1.0, 240),
    "gaming": (0.08, 1.2, 35),
    "digital_goods": (0.10, 1.4, 25),
}


def main() -> None:
    rng = np.random.default_rng(SEED)
    usual_spend = rng.lognormal(3.6, 0.5, CUSTOMERS)
    card_age = rng.integers(5, 3000, CUSTOMERS)
    customer_age = rng.integers(18, 85, CUSTOMERS)
    who = rng.integers(0, CUSTOMERS, TRANSACTIONS)
    names = list(CATEGORIES)
    shares = np.array([CATEGORIES[c][0] for c in names])
    category = rng.choice(names, TRANSACTIONS, p=shares / shares.sum())
    typical = np.array([CATEGORIES[c][2] for c in category])
    start = pd.Timestamp("2026-01-01")
    seconds = np.sort(rng.integers(0, 181 * 86400, TRANSACTIONS))
    when = start + pd.to_timedelta(seconds, unit="s")
    hour = when.hour.to_numpy()
    online = rng.random(TRANSACTIONS) < np.where(np.isin(category, ["digital_goods", "gaming"]), 0.95, 0.35)
    foreign = rng.random(TRANSACTIONS) < 0.06
    new_device = online & (rng.random(TRANSACTIONS) < 0.12)
    burst = rng.poisson(1.2, TRANSACTIONS)
    amount_ratio = rng.lognormal(0, 0.6, TRANSACTIONS)

    risk = (
        -6.8
        + np.array([CATEGORIES[c][1] for c in category])
        + 1.3 * online
        + 1.5 * foreign
        + 1.4 * new_device
        + 0.45 * burst
        + 0.9 * np.log(amount_ratio).clip(0)
        + 0.8 * ((hour >= 1) & (hour <= 5))
        + 0.9 * (card_age[who] < 60)
        - 0.01 * (customer_age[who] - 45)
    )
    fraud = rng.random(TRANSACTIONS) < 1 / (1 + np.exp(-risk))
    # Fraudsters spend more, and faster, than the cardholder would.
    amount = typical * amount_ratio * np.where(fraud, rng.uniform(1.5, 4, TRANSACTIONS), 1)
    burst = burst + fraud * rng.poisson(2, TRANSACTIONS)
    distance = np.where(
        online, np.nan, rng.gamma(1.5, 6, TRANSACTIONS) + fraud * rng.gamma(2, 40, TRANSACTIONS)
    )
    chargeback = np.where(
        fraud & (rng.random(TRANSACTIONS) < 0.93),
        rng.integers(3, 60, TRANSACTIONS),
        np.where(rng.random(TRANSACTIONS) < 0.004, rng.integers(3, 60, TRANSACTIONS), -1),
    ).astype(float)
    chargeback[chargeback < 0] = np.nan

    table = pd.DataFrame(
        {
            "transaction_id": [f"TX-{i:06d}" for i in rng.permutation(TRANSACTIONS) + 100000],
            "timestamp": when.strftime("%Y-%m-%d %H:%M:%S"),
            "customer_id": [f"C-{c:05d}" for c in who],
            "amount": amount.round(2),
            "merchant_category": category,
            "channel": np.where(online, "online", "in_store"),
            "merchant_country_differs": foreign.astype(int),
            "new_device": new_device.astype(int),
            "transactions_last_24h": burst,
            "customer_usual_amount": usual_spend[who].round(2),
            "card_age_days": card_age[who],
            "customer_age": customer_age[who],
            "distance_from_home_km": distance.round(1),
            "chargeback_days": chargeback,
            "is_fraud": fraud.astype(int),
        }
    )
    # The holdout is the last month, scored as it happens: no chargebacks have arrived yet.
    holdout_mask = when >= pd.Timestamp("2026-06-01")
    train, holdout = table[~holdout_mask], table[holdout_mask].copy()
    holdout["chargeback_days"] = np.nan
    PUBLIC.mkdir(parents=True, exist_ok=True)
    HIDDEN.mkdir(parents=True, exist_ok=True)
    train.to_csv(PUBLIC / "train.csv", index=False)
    holdout.drop(columns=["is_fraud"]).to_csv(PUBLIC / "holdout_features.csv", index=False)
    holdout[["transaction_id", "is_fraud"]].to_csv(HIDDEN / "holdout_labels.csv", index=False)
    write_sums(PUBLIC, ["train.csv", "holdout_features.csv"])
    write_sums(HIDDEN, ["holdout_labels.csv"])
    print(
        f"train {train.shape} ({train['is_fraud'].mean():.2%} fraud), "
        f"holdout {holdout.shape} ({holdout['is_fraud'].mean():.2%} fraud)"
    )


if __name__ == "__main__":
    main()
