"""The lab's standby grader as the lab holds it: it ends with its owner, even one killed, and `stop`
leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psutil

from mleprep.lab.grader_standby import StandbyProcess


def _owner_killed(warm_after_s: float, log: Path) -> tuple[int, Path]:
    """A lab that starts a standby and is killed (no stop()): the standby's pid and socket."""
    wait = "assert s.wait_warm()\n" if warm_after_s == 0 else ""
    owner = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from mleprep.lab.grader_standby import StandbyProcess\n"
        f"s = StandbyProcess(warm_after_s={warm_after_s}, log=Path({str(log)!r}))\n"
        f"{wait}"
        "print(s.process.pid, s.address, flush=True)\n"
        "os._exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", owner], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pid, address = done.stdout.split()
    return int(pid), Path(address)


def _ended(pid: int, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "the standby outlived its owner"
        time.sleep(0.2)


def test_the_standby_ends_and_removes_its_socket_when_its_owner_dies(tmp_path: Path) -> None:
    pid, address = _owner_killed(0, tmp_path / "standby.log")
    _ended(pid)
    assert not address.exists() and not address.parent.exists()


def test_a_standby_whose_lab_closed_before_it_was_warm_never_imports_the_grader(tmp_path: Path) -> None:
    pid, address = _owner_killed(2, tmp_path / "standby.log")
    _ended(pid)
    assert "ready" not in (tmp_path / "standby.log").read_text() and not address.exists()


def test_a_ctrl_c_for_the_lab_does_not_reach_its_standby() -> None:
    process = StandbyProcess(warm_after_s=60)
    try:
        assert os.getsid(process.process.pid) != os.getsid(0), "it shares the lab's session"
    finally:
        process.stop()


def test_stop_ends_the_standby_and_removes_its_folder() -> None:
    process = StandbyProcess(warm_after_s=60)  # stopped before it is warm, as a lab closed at once
    process.stop()
    assert process.process.returncode is not None and not process.folder.exists()
