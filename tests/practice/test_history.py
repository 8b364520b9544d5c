"""Does practice history read every saved round, survive a damaged one, and plot progress?"""

from __future__ import annotations

import json
from pathlib import Path

from mleprep.practice.history import load_history, plot_history


def test_history_survives_a_damaged_session_file(tmp_path: Path) -> None:
    folder = tmp_path / "practice" / "sessions"
    folder.mkdir(parents=True)
    (folder / "20260101T000000-hiring_manager.json").write_text("{not json")
    rows = load_history(workspace=tmp_path)
    assert "unreadable session" in rows[0]["error"]
    assert plot_history(rows, tmp_path / "p.png") is None


def _session(folder: Path, stamp: str, score: float) -> None:
    report = {"questions": 4, "mean_structure_score": score, "quantified_results": 2, "over_time": 0}
    data = {"stage": "hiring_manager", "started_at": f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T00:00:00+00:00"}
    (folder / f"{stamp}T000000-hiring_manager.json").write_text(json.dumps({**data, "report": report}))


def test_rounds_come_back_in_time_order_and_are_plotted(tmp_path: Path) -> None:
    folder = tmp_path / "practice" / "sessions"
    folder.mkdir(parents=True)
    _session(folder, "20260301", 4.5)
    _session(folder, "20260101", 2.0)
    rows = load_history(workspace=tmp_path)
    assert [r["mean_structure_score"] for r in rows] == [2.0, 4.5]
    plot = plot_history(rows, tmp_path / "progress.png")
    assert plot is not None and plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
