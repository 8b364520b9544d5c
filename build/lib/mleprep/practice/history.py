"""Progress across mock rounds: the saved sessions, summarised, and a plot of the structure score."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mleprep.practice.mock_round import SESSIONS_DIR


def load_history(*, workspace: Path) -> list[dict[str, Any]]:
    """A row per saved session, oldest first (unreadable files are listed with their error)."""
    rows = []
    for path in sorted((workspace / SESSIONS_DIR).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            report = data["report"]
            rows.append(
                {
                    "file": str(path),
                    "stage": data["stage"],
                    "started_at": data["started_at"],
                    "questions": report["questions"],
                    "mean_structure_score": report["mean_structure_score"],
                    "quantified_results": report["quantified_results"],
                    "over_time": report["over_time"],
                }
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            rows.append({"file": str(path), "error": f"unreadable session: {exc}"})
    return sorted(rows, key=lambda r: r.get("started_at", ""))


def plot_history(rows: list[dict[str, Any]], out: Path) -> Path | None:
    """structure score (0-5) per round and stage, as a PNG; None when there is nothing to draw."""
    rows = [r for r in rows if "error" not in r]
    if not rows:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3.5))
    for stage in sorted({r["stage"] for r in rows}):
        points = [(i + 1, r["mean_structure_score"]) for i, r in enumerate(rows) if r["stage"] == stage]
        ax.plot(*zip(*points, strict=True), marker="o", label=stage.replace("_", " "))
    ax.set_ylim(0, 5.2)
    ax.set_xlabel("mock round")
    ax.set_ylabel("structure score (0-5)")
    ax.set_title("STAR structure across your mock rounds")
    ax.legend(loc="lower right")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=90)
    plt.close(fig)
    return out
