"""Score a CSV file of customers for the CRM.

    python -m churn_service customers.csv --output scores.csv

Reads a CSV with the columns of data/holdout_features.csv (customer_id included) and writes
`customer_id,churn_probability`, one row per customer in the input's order, to --output or to
standard output. Exit status: 0 scored; 2 the input cannot be scored (one line on standard error
names the CSV line and field of each problem; nothing is written); 1 the model cannot be loaded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from churn_service import ID_FIELD, InvalidInputError, ModelError, Problem, predict

EXIT_MODEL_ERROR = 1
EXIT_BAD_INPUT = 2
# Data row 0 is on line 2 of the file: line 1 is the header.
FIRST_DATA_LINE = 2


def main(argv: list[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]) and return its exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m churn_service", description="Score the churn risk of the customers in a CSV file."
    )
    parser.add_argument("input", type=Path, help="CSV file with the columns of data/holdout_features.csv")
    parser.add_argument("--output", "-o", type=Path, help="where to write the scores (default: the screen)")
    args = parser.parse_args(argv)
    try:
        customers = read_customers(args.input)
        scores = predict(customers)
    except InvalidInputError as exc:
        return _fail(f"{args.input}: {exc.summary(FIRST_DATA_LINE, 'line')}", EXIT_BAD_INPUT)
    except ModelError as exc:
        return _fail(str(exc), EXIT_MODEL_ERROR)
    table = pd.DataFrame({ID_FIELD: customers[ID_FIELD], "churn_probability": scores})
    if args.output is None:
        table.to_csv(sys.stdout, index=False)
    else:
        table.to_csv(args.output, index=False)
        print(f"scored {len(table)} customers into {args.output}", file=sys.stderr)
    return 0


def read_customers(path: Path) -> pd.DataFrame:
    """The CSV's values as text, exactly as written (blanks stay blank): `predict` checks them."""
    try:
        customers = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InvalidInputError([Problem(None, None, f"cannot read it as CSV: {exc}")]) from exc
    if ID_FIELD not in customers.columns:
        raise InvalidInputError([Problem(None, ID_FIELD, f"the column {ID_FIELD!r} is missing")])
    blank_ids = [
        Problem(i, ID_FIELD, f"the field {ID_FIELD!r} has no value")
        for i, value in enumerate(customers[ID_FIELD])
        if not value.strip()
    ]
    if blank_ids:
        raise InvalidInputError(blank_ids)
    return customers


def _fail(message: str, status: int) -> int:
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
