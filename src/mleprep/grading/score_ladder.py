"""Where a candidate's holdout score stands: on the take-home's calibration ladder (the dummy
baseline, simple models, the reference), written by `mleprep calibrate` as `ladder.json`.

A score alone says little to someone practising without a mentor; "better than a random forest with
defaults, worse than the reference" says what the next hour should go to.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from mleprep.core.defaults import LADDER_FILE
from mleprep.course.spec import Metric

PLOT_FILE = "ladder.png"


@dataclass(frozen=True)
class LadderEntry:
    name: str
    role: str  # "reference", "rung" or "baseline"
    value: float  # higher is better, as the metric registry keeps every metric


@dataclass(frozen=True)
class Placement:
    metric: str
    value: float
    shown: str
    just_worse: str | None  # the best model the score beats (or equals)
    just_better: str | None  # the worst model that beats the score
    text: str
    ladder: tuple[LadderEntry, ...]

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "ladder": [asdict(e) for e in self.ladder]}


def read_ladder(folder: Path, *, check_id: str, metric: Metric) -> list[LadderEntry] | None:
    """The ladder of the take-home in `folder`, worst first; None when it was not calibrated for
    this check and this metric (a metric changed since would compare unlike numbers)."""
    try:
        data = json.loads((folder / LADDER_FILE).read_text(encoding="utf-8"))
        if data.get("check") != check_id or data.get("metric") != metric.scorer:
            return None
        entries = [LadderEntry(str(r["name"]), str(r["role"]), float(r["holdout"])) for r in data["rungs"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # not a file calibrate wrote
        return None
    return sorted(entries, key=lambda e: e.value) or None


def _named(entry: LadderEntry, metric: Metric) -> str:
    label = {"reference": "the reference solution", "baseline": "the dummy baseline"}.get(
        entry.role, entry.name
    )
    return f"{label} ({metric.shown(entry.value)})"


def place(ladder: list[LadderEntry], value: float, metric: Metric) -> Placement:
    """Where `value` falls on `ladder`: the models just worse and just better, and a sentence."""
    worse = [e for e in ladder if e.value <= value]
    better = [e for e in ladder if e.value > value]
    shown = metric.shown(value)
    # "Better" and "worse", never "above" and "below": for an error, the better score is the lower.
    opening = f"Your holdout {metric.kind.label.replace('_', ' ')}, {shown},"
    if not worse:
        text = (
            f"{opening} is worse than {_named(ladder[0], metric)}: the model does worse than the "
            "simplest rule. Look for a bug before tuning (labels shuffled, rows misaligned, the wrong class)."
        )
    elif not better:
        best = _named(worse[-1], metric)
        text = f"{opening} is as good as or better than every model of the ladder, {best} included."
    else:
        text = (
            f"{opening} is better than {_named(worse[-1], metric)} "
            f"and worse than {_named(better[0], metric)}."
        )
        reference = next((e for e in ladder if e.role == "reference"), None)
        if reference is not None and reference.value > value and reference is not better[0]:
            text += f" The reference solution scored {metric.shown(reference.value)}."
    return Placement(
        metric.scorer,
        value,
        shown,
        worse[-1].name if worse else None,
        better[0].name if better else None,
        text,
        tuple(ladder),
    )


def ladder_plot(ladder: list[LadderEntry], value: float, metric: Metric, path: Path) -> Path:
    """The ladder as bars, worst at the bottom, the candidate's score in red among them."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    entries = sorted([*((e.value, e.name, e.role) for e in ladder), (value, "your model", "you")])
    colours = {"reference": "#1a7f37", "baseline": "#777777", "rung": "#4c72b0", "you": "#d1242f"}
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(entries) + 1.2))
    try:
        for y, (v, _, role) in enumerate(entries):
            # As people read it: an error as a positive number (lower is better), anything else as is.
            shown_value = -v if metric.is_error else v
            ax.barh(y, shown_value, color=colours[role])
            ax.text(shown_value, y, f"  {metric.shown(v)}", va="center", fontsize=9)
        ax.set_yticks(range(len(entries)), [label.replace("$", r"\$")[:48] for _, label, _ in entries])
        ax.set_xlabel(metric.kind.label.replace("_", " ") + (" (lower is better)" if metric.is_error else ""))
        ax.set_title("Your holdout score among the calibration ladder's models")
        ax.margins(x=0.2)
        fig.tight_layout()
        fig.savefig(path, dpi=100)
    finally:
        plt.close(fig)
    return path
