"""Score a candidate's exported holdout responses against hidden labels, in the grading process.

The candidate's kernel exported only what its model answered (mleprep.handin). Here that export is
read, size-checked and scored by the assignment's metric (mleprep.metrics), with labels the
candidate's code never had in memory, and the score earns credit by the assignment's bands.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mleprep.course.spec import Metric, Task
from mleprep.metrics.registry import ScoringError

MAX_EXPORT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class HoldoutScore:
    scorer: str
    value: float
    credit: float
    rows: int

    def message(self, metric: Metric) -> str:
        head = f"{metric.kind.label} on the {self.rows:,} holdout rows: {metric.shown(self.value)}"
        bar = (
            f"full marks {'at or below' if metric.is_error else 'from'} {metric.shown(metric.pass_threshold)}"
        )
        if self.credit == 1:
            return f"{head}, {bar}."
        if self.credit > 0:
            return f"{head}: {self.credit:.0%} of the points; {bar}."
        return f"{head}: below every band; {bar}."


def read_export(path: Path) -> dict[str, Any]:
    """An export file written by mleprep.handin, size-checked and parsed."""
    if not path.is_file():
        raise ScoringError("the hidden check exported nothing: did the cell above it run without errors?")
    if path.stat().st_size > MAX_EXPORT_BYTES:
        raise ScoringError(
            f"the export is {path.stat().st_size:,} bytes, over the {MAX_EXPORT_BYTES:,} limit"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ScoringError(f"the export is not readable JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ScoringError("the export is not a JSON object")
    return data


def score_holdout(*, export_file: Path, labels_file: Path, task: Task, metric: Metric) -> HoldoutScore:
    """Score an export with the assignment's metric and its credit bands."""
    value, rows = metric.kind.score(
        read_export(export_file), labels_file, id_column=task.id_column, target=task.target
    )
    return HoldoutScore(metric.scorer, value, metric.credit(value), rows)


def reported_value(export_file: Path) -> float:
    """The number the candidate reported (mleprep.handin.export_value)."""
    value = read_export(export_file).get("value")
    if not isinstance(value, int | float) or not math.isfinite(value):
        raise ScoringError("the reported estimate is not a finite number")
    return float(value)
