"""Is the lab's clock computed on the server, from each attempt's deadline and the server's time?"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mleprep.attempts.clock import start_attempt, stop_clock
from mleprep.lab.clock_extension import clock_state
from mleprep.lab.launch import DISABLED_IN_LAB, LABEXTENSIONS, prepare_workspace

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def test_clock_state_gives_remaining_time_and_lab_paths(repo_course, tmp_path: Path) -> None:
    start_attempt(course=repo_course, assignment_id="churn", workspace=tmp_path, now=T0, time_limit_s=3600)
    state = clock_state(workspace=tmp_path, now=T0 + timedelta(minutes=50, seconds=30))
    (attempt,) = state["attempts"]
    assert attempt["remaining_s"] == 570 and attempt["remaining_s"] < state["urgent_s"]
    assert (attempt["lab_path"], attempt["folder"], attempt["submitted"]) == (
        "churn/churn.ipynb",
        "churn",
        False,
    )
    stop_clock(workspace=tmp_path, assignment_id="churn", now=T0 + timedelta(minutes=55))
    later = clock_state(workspace=tmp_path, now=T0 + timedelta(hours=3))
    assert later["attempts"][0]["submitted"] and later["attempts"][0]["remaining_s"] == 300


def test_workspace_config_enables_the_clock_and_nbgraders_exchange(repo_course, tmp_path: Path) -> None:
    folder = prepare_workspace(course=repo_course, workspace=tmp_path)
    server = json.loads((folder / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {"mleprep.lab.clock_extension": True}
    assert server["LabServerApp"]["extra_labextensions_path"] == [str(LABEXTENSIONS)]
    package = json.loads((LABEXTENSIONS / "mleprep-clock" / "package.json").read_text())
    assert (LABEXTENSIONS / "mleprep-clock" / package["jupyterlab"]["_build"]["load"]).is_file()
    nbgrader = (folder / "nbgrader_config.py").read_text()
    assert f"c.Exchange.root = {str(tmp_path / '.mleprep' / 'exchange')!r}" in nbgrader
    released = tmp_path / ".mleprep" / "exchange" / "mleprep" / "outbound" / "churn" / "churn.ipynb"
    assert released.read_bytes() == (repo_course.release_dir / "churn" / "churn.ipynb").read_bytes()
    assert not any((tmp_path / ".mleprep" / "exchange").rglob("holdout_labels*"))
    page = json.loads((folder / "labconfig" / "page_config.json").read_text())
    assert set(page["disabledExtensions"]) == set(DISABLED_IN_LAB)
