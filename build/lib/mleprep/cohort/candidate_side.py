"""`mleprep start` and `mleprep submit` on a cohort's hub: the clock service and nbgrader's exchange.

The candidate's server holds no course, so nothing here reads one: the clock service starts the
attempt and hands the assignment out, and submitting is nbgrader's own (configured by the hub in
JUPYTER_CONFIG_PATH); the clock answers for the hub user whose token this server holds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from mleprep.cohort.attempt_store import CohortError
from mleprep.cohort.clock_client import ask_clock


def _nbgrader(step: str, assignment_id: str, cwd: Path) -> None:
    nbgrader = Path(sys.executable).parent / "nbgrader"
    done = subprocess.run(
        [str(nbgrader), step, assignment_id], cwd=cwd, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if "[ERROR]" in line or "[CRITICAL]" in line]
        raise CohortError(
            f"nbgrader {step} {assignment_id}: {(lines or done.stderr.splitlines() or ['failed'])[-1]}"
        )


def start_on_hub(*, assignment_id: str, home: Path | None = None) -> dict[str, Any]:
    """Start the clock for `assignment_id`; the service hands it out into `home`/<id>."""
    home = home or Path(os.environ.get("HOME", "."))
    state = ask_clock(f"api/attempts/{assignment_id}/start", method="POST", timeout=120)
    return {**state, "folder": str(home / assignment_id)}


def submit_on_hub(*, assignment_id: str, home: Path | None = None, wait_s: float = 20.0) -> dict[str, Any]:
    """Hand the folder in through the exchange and wait (a few seconds) for the clock's stamp."""
    home = home or Path(os.environ.get("HOME", "."))
    if not (home / assignment_id).is_dir():
        raise CohortError(
            f"no {assignment_id} folder in {home}: start it first (mleprep start {assignment_id})"
        )
    try:
        before = ask_clock("api/attempts")
        previous = next(
            (a.get("submitted_at") for a in before.get("attempts", []) if a["assignment"] == assignment_id),
            None,
        )
    except CohortError:  # the clock is down: hand in all the same, its next round stamps it
        previous = None
    _nbgrader("submit", assignment_id, home)
    # The service stamps a submission once nbgrader has finished writing it (quiet for 2 s).
    deadline = time.monotonic() + wait_s
    while True:
        # Longer than the service's own wait for the sweep that stamps it.
        state = ask_clock(f"api/attempts/{assignment_id}/submitted", method="POST", timeout=15)
        stamped = state.get("submitted_at") not in (None, previous)
        if stamped or time.monotonic() > deadline:
            return {**state, "stamped": stamped}
        time.sleep(1)
