"""The lab's standby grader as the lab holds it: it ends with its owner, even one killed, and `stop`
leaves nothing behind."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psutil

from mleprep.lab.grader_standby import StandbyProcess


def test_the_standby_ends_and_removes_its_socket_when_its_owner_dies(tmp_path: Path) -> None:
    owner = (
        "import os, sys\n"
        "from mleprep.lab.grader_standby import StandbyProcess\n"
        "s = StandbyProcess(warm_after_s=0)\n"
        "assert s.wait_warm()\n"
        "print(s.process.pid, s.address, flush=True)\n"
        "os._exit(0)  # killed, say: no stop()\n"
    )
    done = subprocess.run([sys.executable, "-c", owner], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    pid, address = done.stdout.split()
    deadline = time.monotonic() + 30
    while psutil.pid_exists(int(pid)) and psutil.Process(int(pid)).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "the standby outlived its owner"
        time.sleep(0.2)
    assert not Path(address).exists() and not Path(address).parent.exists()


def test_stop_ends_the_standby_and_removes_its_folder() -> None:
    process = StandbyProcess(warm_after_s=60)  # stopped before it is warm, as a lab closed at once
    process.stop()
    assert process.process.returncode is not None and not process.folder.exists()
