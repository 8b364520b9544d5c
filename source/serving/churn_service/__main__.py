"""Command line: python -m churn_service INPUT.csv [--output OUT.csv]

Writes `customer_id,churn_probability`, one row per customer of INPUT.csv in its order, to OUT.csv
(or to standard output without --output). When the input cannot be scored it prints one line on
standard error saying what is wrong, and exits with status 2.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]) and return its exit status."""
    raise NotImplementedError("read the CSV file, score it with churn_service.predict, write the scores")


if __name__ == "__main__":
    sys.exit(main())
