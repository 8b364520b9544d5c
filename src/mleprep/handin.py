"""Kernel side of hidden checks: export what the candidate's code produces, never read any label.

Hidden cells in a source notebook call these; the grading process reads the exported files after
the kernel is gone and compares them with holdout labels the kernel never sees. Keep this module
free of anything secret and of imports beyond numpy and pandas: it runs inside candidate kernels.
The grader only needs `export_path`, so numpy and pandas are imported where they are used.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from mleprep.core.defaults import EXPORT_DIR, PROBE_NONCE_ENV, PROBE_VERDICT, VARIANT_DIR

RESPONSE_METHODS = ("predict", "predict_proba", "decision_function")


def export_path(check_id: str, folder: Path | None = None) -> Path:
    """Where the export for `check_id` lives: in `folder`, else relative to the working folder.

    Kernels use the relative form: a sandboxed kernel may not be allowed to traverse the absolute
    path of its own folder.
    """
    return (folder or Path()) / EXPORT_DIR / f"{check_id}.json"


def _write(check_id: str, payload: dict[str, Any]) -> None:
    path = export_path(check_id)
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(payload))


def export_responses(
    check_id: str, model: Any, features_csv: str, *, id_column: str, prepare: Any = None
) -> None:
    """Run `model` on the holdout features and export its responses with the row ids.

    `prepare`, if given, is the candidate's own cleaning function, applied to the raw table (id
    column included) exactly as the notebook asked them to apply it to the training data.
    """
    import pandas as pd

    # Forget any earlier export first: a failure below must not leave a stale file that scores.
    export_path(check_id).unlink(missing_ok=True)
    table = pd.read_csv(features_csv)
    expected_ids = table[id_column].astype(str).tolist()
    if prepare is not None:
        table = prepare(table)
        if not isinstance(table, pd.DataFrame) or id_column not in table:
            raise TypeError(f"the cleaning function must return a DataFrame that keeps {id_column!r}")
        if table[id_column].astype(str).tolist() != expected_ids:
            raise ValueError("the cleaning function must keep every holdout row, in order")
    _write(check_id, model_responses(model, table.drop(columns=[id_column]), expected_ids))


def model_responses(model: Any, features: Any, ids: list[str]) -> dict[str, Any]:
    """What a hidden check exports for a model: its answers to `features`, one per id, by method."""
    import numpy as np

    payload: dict[str, Any] = {"ids": ids, "responses": {}}
    classes = getattr(model, "classes_", None)
    if classes is not None:
        payload["classes"] = np.asarray(classes).tolist()
    for method in RESPONSE_METHODS:
        if not callable(getattr(model, method, None)):
            continue
        values = np.asarray(getattr(model, method)(features), dtype=float if method != "predict" else None)
        if values.shape[0] != len(ids):
            raise ValueError(f"model.{method} returned {values.shape[0]} rows for {len(ids)} holdout rows")
        payload["responses"][method] = values.tolist()
    if not payload["responses"]:
        raise TypeError(
            f"model has none of {', '.join(RESPONSE_METHODS)}: is it a fitted scikit-learn estimator?"
        )
    return payload


def export_value(check_id: str, value: Any) -> None:
    """Export one number the candidate reported (for example their validation estimate)."""
    import numpy as np

    export_path(check_id).unlink(missing_ok=True)
    number = float(np.mean(value)) if np.ndim(value) else float(value)
    if not math.isfinite(number):
        raise ValueError(f"the reported value is {number}, not a finite number")
    _write(check_id, {"value": number})


def probe_verdict() -> Callable[[bool, str], NoReturn]:
    """For a probe script (autograders/<id>/probes/): call it before importing any of the candidate's
    files. It takes the grader's nonce out of the environment and returns `verdict(passed, message)`,
    which prints the one line the grader reads and ends the probe."""
    nonce = os.environ.pop(PROBE_NONCE_ENV, "")

    def verdict(passed: bool, message: str) -> NoReturn:
        outcome = "passed" if passed else "failed"
        print(f"{PROBE_VERDICT} {nonce} {outcome}: {' '.join(message.split())}", flush=True)
        sys.exit(0)

    return verdict


def variant_path(name: str) -> Path:
    """A file of the hidden variant of the data, which the grader puts beside the notebook (analysis
    take-homes): the same schema as the public data, another seed, other answers."""
    return Path(VARIANT_DIR) / name


def export_answers(check_id: str, answers: dict[str, Any]) -> None:
    """Export what the candidate's functions return, key by key, for the grader to compare outside
    the kernel. Values may be zero-argument callables: each is called here, and one that raises is
    exported as that key's error, so one broken function costs only its own key."""
    export_path(check_id).unlink(missing_ok=True)
    payload: dict[str, Any] = {}
    for key, value in answers.items():
        try:
            payload[str(key)] = encode_answer(value() if callable(value) else value)
        except Exception as exc:  # the candidate's bug, reported on its key
            payload[str(key)] = {"type": "error", "message": f"{type(exc).__name__}: {exc}"[:500]}
    _write(check_id, {"answers": payload})


def encode_answer(value: Any) -> dict[str, Any]:
    """An answer as tagged JSON: number, text, bool, table, record (fields) or list."""
    import dataclasses

    import numpy as np
    import pandas as pd

    if value is None:
        return {"type": "none"}
    if isinstance(value, bool | np.bool_):
        return {"type": "bool", "value": bool(value)}
    if isinstance(value, int | float | np.integer | np.floating):
        return {"type": "number", "value": _finite_or_none(float(value))}
    if isinstance(value, str):
        return {"type": "text", "value": value}
    if isinstance(value, pd.Timestamp | np.datetime64):
        return {"type": "text", "value": pd.Timestamp(value).isoformat()}
    if isinstance(value, pd.Series):
        value = value.to_frame(name=value.name if value.name is not None else "value")
    if isinstance(value, pd.DataFrame):
        return _encode_table(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    elif hasattr(value, "_asdict"):  # a NamedTuple
        value = value._asdict()
    if isinstance(value, dict):
        return {"type": "record", "fields": {str(k): encode_answer(v) for k, v in value.items()}}
    if isinstance(value, list | tuple | np.ndarray):
        return {"type": "list", "items": [encode_answer(v) for v in list(value)]}
    raise TypeError(f"cannot export a {type(value).__name__}: return numbers, text, tables or records")


def _finite_or_none(number: float) -> float | None:
    return number if math.isfinite(number) else None


def _encode_table(frame: Any) -> dict[str, Any]:
    import pandas as pd

    # Where a candidate keeps a key (index or column) is their choice: the grader reads columns. An
    # index level that is also a column (set_index(..., drop=False)) is dropped, not duplicated.
    if not isinstance(frame.index, pd.RangeIndex) or any(n is not None for n in frame.index.names):
        doubled = [n for n in frame.index.names if n is not None and n in frame.columns]
        frame = frame.reset_index(level=doubled, drop=True) if doubled else frame
        if not isinstance(frame.index, pd.RangeIndex) or any(n is not None for n in frame.index.names):
            frame = frame.reset_index()
    columns = [str(c) for c in frame.columns]
    rows = [[_table_cell(cell) for cell in row] for row in frame.itertuples(index=False)]
    return {"type": "table", "columns": columns, "rows": rows}


def _table_cell(cell: Any) -> Any:
    import numpy as np
    import pandas as pd

    if cell is None or cell is pd.NaT:
        return None
    if isinstance(cell, bool | np.bool_):
        return bool(cell)
    if isinstance(cell, int | float | np.integer | np.floating):
        return _finite_or_none(float(cell))
    if isinstance(cell, pd.Timestamp):
        return cell.isoformat()
    return str(cell)


def export_rankings(check_id: str, rankings: Any) -> None:
    """Export top-k recommendation lists: a mapping (dict or Series) from each user id to a list of
    item ids, best first."""
    export_path(check_id).unlink(missing_ok=True)
    items = rankings.items() if hasattr(rankings, "items") else None
    if items is None:
        raise TypeError("rankings should be a dict {user_id: [item_id, ...]} (best first)")
    payload = {"rankings": {str(user): [str(i) for i in list(ranked)] for user, ranked in items}}
    _write(check_id, payload)
