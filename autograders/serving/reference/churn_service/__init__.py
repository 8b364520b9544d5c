"""Score customers' risk of churning with the retention team's model.

    >>> import churn_service
    >>> churn_service.predict([customer, another_customer])  # dicts keyed by the CSV's columns
    [0.62, 0.04]

Every record is checked before anything is scored: input the model would silently misread (a
missing field, text in a number, a negative tenure) raises InvalidInputError, a ValueError that
names each bad row and field. What a real feed sends and the model can still score honestly is
accepted: fields it does not use, numbers written as text, category values it never saw, and the
blank total_charges of a customer who has not been billed yet.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import pandas as pd

__all__ = [
    "DEFAULT_MODEL_PATH",
    "FIELDS",
    "InvalidInputError",
    "ModelError",
    "Problem",
    "load_model",
    "predict",
    "validate",
]

DEFAULT_MODEL_PATH = Path(__file__).with_name("model.joblib")

# The columns of data/train.csv the model reads, in the file's order, by how each is checked:
# "flag" 0 or 1, "amount" a number that cannot be negative, "category" a non-empty text.
FIELDS: dict[str, str] = {
    "female": "flag",
    "senior_citizen": "flag",
    "partner": "flag",
    "dependents": "flag",
    "tenure": "amount",
    "phone_service": "flag",
    "multiple_lines": "category",
    "internet_service": "category",
    "online_security": "category",
    "online_backup": "category",
    "device_protection": "category",
    "tech_support": "category",
    "streaming_tv": "category",
    "streaming_movies": "category",
    "contract": "category",
    "paperless_billing": "flag",
    "payment_method": "category",
    "monthly_charges": "amount",
    "total_charges": "amount",
}
# A customer who has not been billed yet has no total charges (a blank in the CRM's export);
# the model was trained with such customers and fills the gap itself.
MAY_BE_BLANK = frozenset({"total_charges"})
ID_FIELD = "customer_id"
MAX_PROBLEMS_SHOWN = 5


@dataclass(frozen=True)
class Problem:
    """One reason the input cannot be scored: where (row from 0, field) and what."""

    row: int | None  # None: the input as a whole (empty, not a list, a column missing)
    field: str | None
    message: str
    customer_id: str | None = None

    def describe(self, first_row: int = 0, unit: str = "row") -> str:
        """The problem in one phrase; rows are numbered from `first_row` and called `unit`."""
        if self.row is None:
            return self.message
        who = f" ({self.customer_id})" if self.customer_id else ""
        return f"{unit} {self.row + first_row}{who}: {self.message}"


class InvalidInputError(ValueError):
    """The records cannot be scored; `problems` lists every bad row and field found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.summary())

    def summary(self, first_row: int = 0, unit: str = "row") -> str:
        """All problems on one line (the first few of them), rows numbered as Problem.describe does."""
        shown = "; ".join(p.describe(first_row, unit) for p in self.problems[:MAX_PROBLEMS_SHOWN])
        hidden = len(self.problems) - MAX_PROBLEMS_SHOWN
        return f"cannot score the input: {shown}" + (f"; and {hidden} more problems" if hidden > 0 else "")


class ModelError(RuntimeError):
    """The model file is missing or is not a model this service can use (not the caller's fault)."""


class _Invalid(Exception):
    """A field's value is unusable; the message says why (a sentence that names the field)."""


_MISSING = object()  # a field absent from a record, as opposed to present with no value
_model: Any = None


def load_model(path: str | Path | None = None) -> Any:
    """Load the model at `path` (default: model.joblib in this package), use it from now on, return it.

    `predict` calls this on first use, so a caller only needs it to load another file, or to load
    the model at start-up rather than on the first request. Raises ModelError if the file is
    missing or does not hold a churn classifier.
    """
    global _model
    path = Path(path) if path is not None else DEFAULT_MODEL_PATH
    if not path.is_file():
        raise ModelError(f"no model at {path}: run serving.ipynb, which trains it and saves it there")
    model = joblib.load(path)
    if not callable(getattr(model, "predict_proba", None)) or 1 not in list(getattr(model, "classes_", [])):
        raise ModelError(f"{path} holds a {type(model).__name__}, not a fitted classifier of churn (0/1)")
    unknown = sorted(set(getattr(model, "feature_names_in_", FIELDS)) - set(FIELDS))
    if unknown:
        raise ModelError(f"{path} expects columns this service does not check: {', '.join(unknown)}")
    _model = model
    return model


def predict(records: Iterable[Mapping[str, Any]] | pd.DataFrame) -> list[float]:
    """The probability that each customer churns, one float per record, in the input's order.

    `records` is a list of dicts (keys: the columns of data/holdout_features.csv; `customer_id` and
    other extra keys are ignored) or a DataFrame with those columns. Raises InvalidInputError (a
    ValueError) naming every bad row and field; nothing is scored unless every record is valid.
    """
    model = _model if _model is not None else load_model()
    features = validate(records)
    columns = list(getattr(model, "feature_names_in_", FIELDS))
    positive = list(model.classes_).index(1)
    return [float(p) for p in model.predict_proba(features[columns])[:, positive]]


def validate(records: Iterable[Mapping[str, Any]] | pd.DataFrame) -> pd.DataFrame:
    """The records as the model's feature table (numbers as floats, categories as text), in order.

    Raises InvalidInputError listing every problem found.
    """
    rows = _rows(records)
    columns: dict[str, list[Any]] = {field: [] for field in FIELDS}
    problems = []
    for i, row in enumerate(rows):
        customer = row.get(ID_FIELD)
        customer_id = None if _is_blank(customer) else str(customer)
        for field, kind in FIELDS.items():
            try:
                columns[field].append(_CHECKS[kind](field, row.get(field, _MISSING)))
            except _Invalid as invalid:
                problems.append(Problem(i, field, str(invalid), customer_id))
    if problems:
        raise InvalidInputError(problems)
    return pd.DataFrame(columns)


def _rows(records: Any) -> list[Mapping[str, Any]]:
    """The records as a list of mappings; InvalidInputError if the input is not shaped like that."""
    if isinstance(records, pd.DataFrame):
        missing = [field for field in FIELDS if field not in records.columns]
        if missing:
            raise InvalidInputError(Problem(None, f, f"the column {f!r} is missing") for f in missing)
        rows: list[Any] = records.to_dict("records")
    elif isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
        raise InvalidInputError(
            [Problem(None, None, f"expected a list of records (dicts) or a DataFrame, not {_kind(records)}")]
        )
    else:
        rows = list(records)
    if not rows:
        raise InvalidInputError([Problem(None, None, "there are no records to score")])
    not_mappings = [
        Problem(i, None, f"expected a dict of field values, not {_kind(row)}")
        for i, row in enumerate(rows)
        if not isinstance(row, Mapping)
    ]
    if not_mappings:
        raise InvalidInputError(not_mappings)
    return rows


def _kind(value: Any) -> str:
    return f"a {type(value).__name__}"


def _is_blank(value: Any) -> bool:
    """None, NaN, pandas' NA or text of spaces only: a value the sender did not have."""
    if value is None or value is pd.NA:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral) and math.isnan(value)


def _number(field: str, value: Any) -> float:
    if value is _MISSING:
        raise _Invalid(f"the field {field!r} is missing")
    if _is_blank(value):
        if field in MAY_BE_BLANK:
            return math.nan
        raise _Invalid(f"the field {field!r} has no value")
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise _Invalid(f"the field {field!r} should be a number, not {value!r}") from None
    elif isinstance(value, numbers.Real):
        number = float(value)
    else:
        raise _Invalid(f"the field {field!r} should be a number, not {_kind(value)}")
    if not math.isfinite(number):
        raise _Invalid(f"the field {field!r} should be a finite number, not {value!r}")
    return number


def _amount(field: str, value: Any) -> float:
    number = _number(field, value)
    if number < 0:
        raise _Invalid(f"the field {field!r} cannot be negative ({number:g})")
    return number


def _flag(field: str, value: Any) -> float:
    number = _number(field, value)
    if number not in (0, 1):
        raise _Invalid(f"the field {field!r} should be 0 or 1, not {value!r}")
    return number


def _category(field: str, value: Any) -> str:
    if value is _MISSING:
        raise _Invalid(f"the field {field!r} is missing")
    if _is_blank(value):
        raise _Invalid(f"the field {field!r} has no value")
    # A value the model never saw is scored as none of the known ones: the feed may add products.
    return str(value).strip()


_CHECKS = {"flag": _flag, "amount": _amount, "category": _category}
