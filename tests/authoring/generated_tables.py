"""Tables a mentor might bring to `mleprep new`, generated with a known signal so a good model
clearly beats a dummy: one per task kind."""

from __future__ import annotations

import numpy as np
import pandas as pd


def customer_table(rows: int, seed: int = 0) -> pd.DataFrame:
    """Numbers with gaps, text categories, and a risk score the target follows."""
    rng = np.random.default_rng(seed)
    age = rng.integers(18, 80, rows)
    income = rng.normal(50, 15, rows).round(1)
    plan = rng.choice(["basic", "plus", "pro"], rows)
    region = rng.choice(["north", "south", "east", "west"], rows)
    risk = (
        0.06 * (age - 45)
        + 0.05 * (income - 50)
        + np.where(plan == "pro", 1.5, np.where(plan == "plus", 0.3, -1))
    )
    risk += 0.8 * (age > 60) * (plan == "basic")  # an interaction boosting finds
    income[rng.random(rows) < 0.05] = np.nan
    branch = [f"B{n:02d}" for n in rng.integers(0, 30, rows)]  # for a split by group
    return pd.DataFrame(
        {"age": age, "income": income, "plan": plan, "region": region, "branch": branch, "risk": risk}
    )


def table(task: str, rows: int = 1500, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed + 1)
    if task == "forecast":
        days = pd.date_range("2021-01-01", periods=rows, freq="D")
        temperature = (15 + 10 * np.sin(2 * np.pi * days.day_of_year / 365) + rng.normal(0, 2, rows)).round(1)
        promotion = (rng.random(rows) < 0.2).astype(int)
        weekend = days.day_of_week >= 5
        sales = 200 + 3 * temperature + 40 * promotion - 30 * weekend + rng.normal(0, 6, rows)
        return pd.DataFrame(
            {
                "day": days.strftime("%Y-%m-%d"),
                "temperature": temperature,
                "promotion": promotion,
                "sales": sales.round(1),
            }
        )
    base = customer_table(rows, seed)
    risk = base.pop("risk").to_numpy()
    if task == "regression":
        base["spend"] = (100 + 15 * risk + rng.normal(0, 4, rows)).round(2)
    elif task == "classification":
        base["defaulted"] = np.where(rng.random(rows) < 1 / (1 + np.exp(-risk)), "yes", "no")
    else:  # ranking: a rarer yes/no outcome to put first
        base["converted"] = (rng.random(rows) < 1 / (1 + np.exp(-(risk - 1.5)))).astype(int)
    return base


TARGETS = {"classification": "defaulted", "regression": "spend", "ranking": "converted", "forecast": "sales"}
