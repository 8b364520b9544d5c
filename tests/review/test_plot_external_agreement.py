"""The plot of each external set's first measurement: its figures are the sets' own, weighted by size."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "plot_external_agreement.py"
HEADER = "set,answers,never_read,measured_once,after_reading\n"


def _run(tmp_path: Path, rows: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "sets.csv").write_text(HEADER + rows)
    files = ["--csv", str(tmp_path / "sets.csv"), "--out", str(tmp_path / "p.png")]
    return subprocess.run(
        [sys.executable, str(SCRIPT), *files, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_first_measurements_are_weighted_by_answers_per_half_and_plotted(tmp_path: Path) -> None:
    done = _run(tmp_path, "a,10,1,80.0,\nb,30,0,90.0,95.0\nc,20,1,85.0,\nd,20,0,75.0,90.0\n")

    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert facts["answers"] == 80 and facts["sets"] == 4
    assert facts["measured_once"] == 83.8  # (800 + 2700 + 1700 + 1500) / 80
    assert facts["first_half"] == 87.5 and facts["second_half"] == 80.0
    assert facts["never_read"] == 83.3
    assert (tmp_path / "p.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_bad_row_is_named_by_file_and_row(tmp_path: Path) -> None:
    done = _run(tmp_path, "a,10,1,80.0,\nb,thirty,0,90.0,\n")

    assert done.returncode != 0
    assert "sets.csv, row 3" in done.stderr and "thirty" in done.stderr
