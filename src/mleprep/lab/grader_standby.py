"""The lab's standby grader, as the lab server holds it: started when a solo attempt's lab starts,
passed to the Submit jobs it runs, stopped with the lab.

The standby itself is grading's (`python -m mleprep.grading.standby`, grading/standby.py); the lab
starts it as a command, as it runs Check and Submit, and never imports the grader.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mleprep.core.defaults import GRADER_STANDBY_ENV

# A lab's first minute is the candidate reading and the browser loading the page: the standby's
# imports (seconds of CPU on a two-core laptop) wait for it to pass.
WARM_AFTER_S = 20


class StandbyProcess:
    """A standby as its owner (the lab server) holds it: listening in a folder of its own, which only
    this user can enter, and stopped with the owner."""

    def __init__(self, *, warm_after_s: float = WARM_AFTER_S, log: Path | None = None) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="mleprep-grader-"))  # mode 0700
        self.address = self.folder / "grader.sock"
        command = [sys.executable, "-m", "mleprep.grading.standby", "--socket", str(self.address)]
        # Its lines (ready, each worker) go to the owner's log unless `log` is given.
        out = open(log, "ab") if log else None  # noqa: SIM115 - the child holds it from here
        try:
            self.process = subprocess.Popen(
                [*command, "--warm-after", str(warm_after_s), "--owner", str(os.getpid())],
                stdin=subprocess.DEVNULL,
                stderr=out,
                # Not in the lab's foreground process group: a Ctrl-C meant for the lab must not
                # kill it; it ends with the lab by itself.
                start_new_session=True,
            )
        finally:
            if out is not None:
                out.close()

    def wait_warm(self, timeout_s: float = 120) -> bool:
        """Wait until it listens; False if it ended or the time ran out first."""
        deadline = time.monotonic() + timeout_s
        while not self.address.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    @property
    def env(self) -> dict[str, str]:
        """What a command needs in its environment to grade on this standby."""
        return {GRADER_STANDBY_ENV: str(self.address)}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
