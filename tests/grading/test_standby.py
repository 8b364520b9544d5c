"""The lab's standby grader: a real standby process grades a real `mleprep submit` warm; a submit
whose standby is missing or runs other code grades on its own; a silent client holds up nobody."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mleprep.attempts.clock import start_attempt
from mleprep.core.defaults import GRADER_STANDBY_ENV as STANDBY_ENV
from mleprep.grading import standby
from mleprep.lab.grader_standby import StandbyProcess
from tests.conftest import copy_course, fill_answers


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return copy_course(tmp_path_factory.mktemp("standby") / "course")


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Iterator[tuple[StandbyProcess, Path]]:
    log = tmp_path_factory.mktemp("standby-log") / "standby.log"
    process = StandbyProcess(warm_after_s=0, log=log)
    try:
        assert process.wait_warm(), log.read_text()
        yield process, log
    finally:
        process.stop()


# Put first in the first answer cell: an assertion that fails the notebook if the kernel can find the
# standby (whose socket forks processes outside the submission's reach), or a minute's wait.
NO_SOCKET = ["import os\n", "assert 'MLEPREP_GRADER_STANDBY' not in os.environ, 'socket leaked'\n"]
SLOW = ["import time\n", "time.sleep(60)\n"]


def _submit_command(course, workspace: Path, candidate: str, *, first: tuple[str, ...] = ()) -> list[str]:
    started = start_attempt(course=course, assignment_id="churn", workspace=workspace, now=datetime.now(UTC))
    notebook = started.attempt.notebook_path
    fill_answers(notebook)
    nb = json.loads(notebook.read_text())
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("solution"))
    cell["source"] = [*first, *cell["source"]]
    notebook.write_text(json.dumps(nb))
    command = [sys.executable, "-m", "mleprep.cli", "--course", str(course.root), "submit", "churn"]
    return [*command, "--workspace", str(workspace), "--candidate", candidate, "--json"]


def _submit(course, workspace: Path, candidate: str, env: dict[str, str]) -> dict:
    command = _submit_command(course, workspace, candidate, first=tuple(NO_SOCKET))
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env={**os.environ, **env})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def test_a_submit_from_the_lab_is_graded_by_a_worker_the_warm_standby_forked(
    course, warm, tmp_path: Path
) -> None:
    process, log = warm
    data = _submit(course, tmp_path, "fromlab", process.env)
    assert (data["status"], data["score"], data["max_score"]) == ("graded", 12.0, 12.0), data
    assert [c["outcome"] for c in data["checks"]] == ["passed"] * 6
    assert {Path(p).name for p in data["plots"]} == {"roc_curve.png", "confusion_matrix.png", "ladder.png"}
    assert "standby grader: fromlab in worker" in log.read_text()
    assert process.process.poll() is None, "one submission must not end the standby"


def test_a_worker_killed_on_the_standby_is_reported_and_the_standby_serves_the_next(
    course, warm, tmp_path: Path
) -> None:
    process, log = warm
    command = _submit_command(course, tmp_path / "killed", "killed", first=tuple(SLOW))
    env = {**os.environ, **process.env}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as submit:
        deadline = time.monotonic() + 120
        while not (found := re.search(r"standby grader: killed in worker (\d+)", log.read_text())):
            assert time.monotonic() < deadline and submit.poll() is None, log.read_text()
            time.sleep(0.2)
        os.kill(int(found.group(1)), signal.SIGKILL)
        out, err = submit.communicate(timeout=120)
    data = json.loads(out or err)
    assert (data["status"], data["error"]) == ("error", "the grading process died before reporting"), data
    assert process.process.poll() is None
    assert _submit(course, tmp_path / "after", "after", process.env)["status"] == "graded"


def test_a_submit_whose_standby_is_gone_grades_on_its_own(course, tmp_path: Path) -> None:
    data = _submit(course, tmp_path, "nostandby", {STANDBY_ENV: str(tmp_path / "gone" / "grader.sock")})
    assert (data["status"], data["score"]) == ("graded", 12.0), data


def test_a_standby_running_other_code_is_neither_asked_nor_given_work(warm, monkeypatch) -> None:
    process, log = warm
    monkeypatch.setenv(STANDBY_ENV, str(process.address))
    monkeypatch.setattr(standby, "_answered", {})
    assert standby.standby_address() == process.address
    # This process's code changes after the standby started (an upgrade, a checkout).
    monkeypatch.setattr(standby, "fingerprint", lambda: "other code")
    monkeypatch.setattr(standby, "_answered", {})
    assert standby.standby_address() is None
    assert standby.start_on_standby(process.address, (None, "churn", "refused", None, None, "t")) is None
    assert "refused" not in log.read_text()


def test_a_client_that_connects_and_says_nothing_does_not_hold_up_the_next(warm, monkeypatch) -> None:
    import socket

    process, _ = warm
    monkeypatch.setenv(STANDBY_ENV, str(process.address))
    monkeypatch.setattr(standby, "_answered", {})
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
        silent.connect(str(process.address))
        assert standby.standby_address() == process.address
