"""Where a candidate's holdout score stands: on the take-home's calibration ladder (the dummy
baseline, simple models, the reference), written by `mleprep calibrate` as `ladder.json`.

A score alone says little to someone practising without a mentor; "above a random forest with
defaults, below the reference" says what the next hour should go to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mleprep.course.spec import Metric

LADDER_FILE = "ladder.json"  # as mleprep.authoring.calibration_report writes it
PLOT_FILE = "ladder.png"


@dataclass(frozen=True)
class Rung:
    name: str
    role: str  # "reference", "rung" or "baseline"
    value: float  # higher is better, as the metric registry keeps every metric


def read_ladder(folder: Path, check_id: str) -> list[Rung] | None:
    """The ladder of the take-home in `folder` for holdout check `check_id`, lowest first; None
    when it has not been calibrated (or the file is not one `calibrate` wrote)."""
    try:
        data = json.loads((folder / LADDER_FILE).read_text(encoding="utf-8"))
        if data.get("check") != check_id:
            return None
        rungs = [Rung(str(r["name"]), str(r["role"]), float(r["holdout"])) for r in data["rungs"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return sorted(rungs, key=lambda r: r.value) or None


def _named(rung: Rung, metric: Metric) -> str:
    label = {"reference": "the reference solution", "baseline": "the dummy baseline"}.get(
        rung.role, rung.name
    )
    return f"{label} ({metric.shown(rung.value)})"


def place(rungs: list[Rung], value: float, metric: Metric) -> dict[str, Any]:
    """Where `value` falls among `rungs`: the models just below and above it, and a sentence."""
    below = [r for r in rungs if r.value <= value]
    above = [r for r in rungs if r.value > value]
    shown = metric.shown(value)
    name = metric.scorer.replace("_", " ")
    if not below:
        text = (
            f"Your holdout {name}, {shown}, is below {_named(rungs[0], metric)}: the model does worse "
            "than the simplest rule. Look for a bug before tuning (labels shuffled, rows misaligned, "
            "the wrong class)."
        )
    elif not above:
        text = (
            f"Your holdout {name}, {shown}, is at or above every model of the ladder, "
            f"{_named(below[-1], metric)} included."
        )
    else:
        text = (
            f"Your holdout {name}, {shown}, is above {_named(below[-1], metric)} "
            f"and below {_named(above[0], metric)}."
        )
        reference = next((r for r in rungs if r.role == "reference"), None)
        if reference is not None and reference is not above[0]:
            text += f" The reference solution scored {metric.shown(reference.value)}."
    return {
        "metric": metric.scorer,
        "value": value,
        "shown": shown,
        "just_below": below[-1].name if below else None,
        "just_above": above[0].name if above else None,
        "text": text,
        "ladder": [
            {"name": r.name, "role": r.role, "value": r.value, "shown": metric.shown(r.value)} for r in rungs
        ],
    }


def ladder_plot(rungs: list[Rung], value: float, metric: Metric, path: Path) -> Path:
    """The ladder as a column of models, the candidate's score marked among them."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    entries = sorted([*((r.value, r.name, r.role) for r in rungs), (value, "your model", "you")])
    colours = {"reference": "#1a7f37", "baseline": "#777777", "rung": "#4c72b0", "you": "#d1242f"}
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(entries) + 1.2))
    try:
        for y, (v, _, role) in enumerate(entries):
            ax.barh(y, abs(v), color=colours[role])
            ax.text(abs(v), y, f"  {metric.shown(v)}", va="center", fontsize=9)
        ax.set_yticks(range(len(entries)), [label.replace("$", r"\$")[:48] for _, label, _ in entries])
        ax.set_xlabel(metric.scorer.replace("_", " ") + (" (lower is better)" if metric.is_error else ""))
        ax.set_title("Your holdout score among the calibration ladder's models")
        ax.margins(x=0.2)
        fig.tight_layout()
        fig.savefig(path, dpi=100)
    finally:
        plt.close(fig)
    return path
