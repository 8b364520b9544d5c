"""Leftover processes are found by token or uid and killed; the course is closed when root."""

from __future__ import annotations

import os
import subprocess
import time

import psutil
import pytest

from mleprep.grading.isolation import kill_leftovers, lock_down, running_as_root
from mleprep.grading.kernel_sandbox import TOKEN_ENV


def _sleepers() -> list[psutil.Process]:
    return [p for p in psutil.process_iter(["cmdline"]) if "sleep 631" in " ".join(p.info["cmdline"] or [])]


def test_a_daemon_with_the_submission_token_is_killed(tmp_path):
    token = "test-token-123"
    # setsid + background: the sleep leaves this process tree, like a candidate's daemon would.
    subprocess.run(
        ["bash", "-c", "setsid sleep 631 >/dev/null 2>&1 < /dev/null &"],
        env={**os.environ, TOKEN_ENV: token},
        check=True,
    )
    # The daemon starts asynchronously: wait until it exists, so the test never races its start.
    deadline = time.monotonic() + 10
    while not _sleepers() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _sleepers(), "the daemon did not start"
    killed = kill_leftovers(token=token, uid=None)
    assert killed
    assert not _sleepers()


@pytest.mark.skipif(not running_as_root(), reason="permissions only matter when grading as root")
def test_lock_down_closes_private_folders_to_other_users(scratch_course):
    (scratch_course.root / "gradebook.db").write_text("")
    lock_down(scratch_course)
    mode = lambda p: p.stat().st_mode & 0o777  # noqa: E731
    assert mode(scratch_course.autograders_dir) == 0o700
    assert mode(scratch_course.source_dir) == 0o700
    assert mode(scratch_course.root / "gradebook.db") == 0o600
    assert mode(scratch_course.autograded_dir) == 0o711
