"""churn_service: score customers' risk of churning with the retention team's model.

Fill in `load_model` and `predict` (serving.ipynb, section 2, gives the contract the CRM relies
on), the command line in __main__.py, the documentation in README.md and your tests in
tests/test_service.py. You may add modules to this package.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

# Where serving.ipynb saves the trained model (section 1).
DEFAULT_MODEL_PATH = Path(__file__).with_name("model.joblib")


def load_model(path: str | Path | None = None) -> Any:
    """Load the model saved at `path` (default: DEFAULT_MODEL_PATH), use it from now on, and return it.

    `predict` uses the model loaded here, and loads the default one on its first call.
    """
    raise NotImplementedError("load the model that serving.ipynb saved with joblib")


def predict(records: Any) -> list[float]:
    """The probability that each customer churns: a list of floats, one per record, in the input's order.

    `records` is a list of dicts, one per customer, keyed by the columns of data/holdout_features.csv
    (`customer_id` may be there or not), or a pandas DataFrame with those columns. Raises ValueError
    (or a subclass) with a message naming the row and the field when the input cannot be scored.
    """
    raise NotImplementedError("check the records, then score them with the model")
