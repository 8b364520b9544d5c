"""Write the serving take-home's data: the churn take-home's files, and the hidden inputs its checks send.

Deterministic (SEED below), standard library plus numpy and pandas; run it from anywhere, after
scripts/make_churn_data.py if the churn split ever changes. The outputs are committed with their
sha256 in three SHA256SUMS files, so CI never regenerates them.

    python scripts/make_serving_data.py

What it writes:

- source/serving/data/train.csv and holdout_features.csv: byte-for-byte copies of
  source/churn/data/ (the same customers, so the two take-homes can be compared).
- autograders/serving/holdout_labels.csv: a copy of autograders/churn/holdout_labels.csv.
- autograders/serving/variant/, which the grader puts beside the notebook as variant/:
  - valid.csv: 200 holdout customers (sampled, in shuffled order) in the raw CSV format, with
    oddities a service must tolerate: category values the model never saw (internet_service
    "Satellite", payment_method "Crypto wallet", contract "Three year") and a brand-new customer
    (tenure 0, total_charges blank, as in the original IBM file). Numbers written as text cannot be
    told apart in a CSV file; the hidden check injects those itself.
- inside autograders/serving/probes/hidden_robustness.py (between its CASES markers), never in the
  candidate's folder, where their code could look them up:
  - CASES: a list of {"name", "field", "records"} cases, each a small list of records (dicts with
    JSON types) that predict must refuse with a ValueError naming the field: a missing field, "abc"
    in a number, a null tenure, negative tenure, negative charges, an empty list, and a row that is
    not a dict.
  - MALFORMED_CSV: 20 customers without the `contract` column and with "abc" as one customer's
    monthly_charges; the command line must exit with status 2 and no traceback.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
from data_files import write_sums

ROOT = Path(__file__).resolve().parents[1]
CHURN_PUBLIC = ROOT / "source" / "churn" / "data"
CHURN_HIDDEN = ROOT / "autograders" / "churn"
PUBLIC = ROOT / "source" / "serving" / "data"
HIDDEN = ROOT / "autograders" / "serving"
PROBE = ROOT / "autograders" / "serving" / "probes" / "hidden_robustness.py"
VARIANT = HIDDEN / "variant"
SEED = 20261224
VALID_ROWS = 200
MALFORMED_CSV_ROWS = 20
# Columns of whole numbers: malformed.json carries them as JSON numbers, as the CRM would send them.
INTEGER_COLUMNS = (
    "female",
    "senior_citizen",
    "partner",
    "dependents",
    "tenure",
    "phone_service",
    "paperless_billing",
)
# (column, value the model never saw in training, how many valid.csv rows get it)
UNKNOWN_CATEGORIES = (
    ("internet_service", "Satellite", 3),
    ("payment_method", "Crypto wallet", 3),
    ("contract", "Three year", 2),
)


def raw_holdout() -> pd.DataFrame:
    """The holdout features exactly as written in the CSV file: every value as text."""
    return pd.read_csv(PUBLIC / "holdout_features.csv", dtype=str, keep_default_na=False)


def valid_table(holdout: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    rows = holdout.iloc[rng.choice(len(holdout), size=VALID_ROWS, replace=False)].reset_index(drop=True)
    # Distinct rows for each oddity, so that every one of them is seen on its own.
    picks = iter(rng.permutation(VALID_ROWS).tolist())
    for column, value, count in UNKNOWN_CATEGORIES:
        for _ in range(count):
            rows.loc[next(picks), column] = value
    rows.loc[next(picks), ["tenure", "total_charges"]] = ["0", " "]
    return rows


def malformed_cases(holdout: pd.DataFrame) -> list[dict]:
    """Each case: a name saying what is wrong, and records that predict must refuse."""
    # total_charges stays the file's text: a blank for new customers.
    sample = holdout.head(3).copy()
    for column in INTEGER_COLUMNS:
        sample[column] = sample[column].astype(int)
    sample["monthly_charges"] = sample["monthly_charges"].astype(float)
    good = json.loads(sample.to_json(orient="records"))

    def spoiled(row: int, **changes: object) -> list[dict]:
        records = [dict(r) for r in good]
        records[row].update(changes)
        return records

    without_contract = [dict(r) for r in good]
    del without_contract[1]["contract"]
    return [
        {"name": "row 1 has no 'contract' field", "field": "contract", "records": without_contract},
        {
            "name": "row 2 has 'abc' as monthly_charges",
            "field": "monthly_charges",
            "records": spoiled(2, monthly_charges="abc"),
        },
        {"name": "row 0 has tenure None", "field": "tenure", "records": spoiled(0, tenure=None)},
        {"name": "row 1 has a negative tenure (-3)", "field": "tenure", "records": spoiled(1, tenure=-3)},
        {
            "name": "row 0 has negative monthly_charges (-20.5)",
            "field": "monthly_charges",
            "records": spoiled(0, monthly_charges=-20.5),
        },
        {"name": "an empty list of records", "records": []},
        {"name": "row 1 is a list of values, not a dict", "records": [good[0], list(good[1].values())]},
    ]


def malformed_csv(holdout: pd.DataFrame) -> pd.DataFrame:
    rows = holdout.tail(MALFORMED_CSV_ROWS).drop(columns=["contract"]).reset_index(drop=True)
    rows.loc[4, "monthly_charges"] = "abc"
    return rows


def write_probe_cases(cases: list[dict], csv_text: str) -> None:
    """Put the malformed inputs inside the robustness probe, which reaches the sandbox on standard
    input: in the candidate's folder their code could look them up and refuse exactly those."""
    begin, end = "# BEGIN CASES", "# END CASES"
    text = PROBE.read_text()
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    block = (
        f"{begin} (written by scripts/make_serving_data.py; do not edit by hand)\n"
        f"CASES = json.loads({json.dumps(json.dumps(cases))})\n"
        f"MALFORMED_CSV = {csv_text!r}\n"
    )
    PROBE.write_text(head + block + end + tail)


def main() -> None:
    PUBLIC.mkdir(parents=True, exist_ok=True)
    VARIANT.mkdir(parents=True, exist_ok=True)
    for name in ("train.csv", "holdout_features.csv"):
        shutil.copyfile(CHURN_PUBLIC / name, PUBLIC / name)
    shutil.copyfile(CHURN_HIDDEN / "holdout_labels.csv", HIDDEN / "holdout_labels.csv")

    rng = np.random.default_rng(SEED)
    holdout = raw_holdout()
    valid_table(holdout, rng).to_csv(VARIANT / "valid.csv", index=False)
    cases = malformed_cases(holdout)
    write_probe_cases(cases, malformed_csv(holdout).to_csv(index=False))

    write_sums(PUBLIC, ["train.csv", "holdout_features.csv"])
    write_sums(HIDDEN, ["holdout_labels.csv"])
    write_sums(VARIANT, ["valid.csv"])
    print(f"copied the churn data; variant: {VALID_ROWS} valid rows, {len(cases)} malformed cases")


if __name__ == "__main__":
    main()
