"""Leftover processes are found by token or uid and killed; the course is closed when root."""

from __future__ import annotations

import os
import subprocess
import time

import psutil
import pytest

from mleprep.grading.isolation import (
    KERNEL_UID_POOL,
    IsolationError,
    claimed_kernel_uids,
    kill_leftovers,
    lock_down,
    running_as_root,
)
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


@pytest.mark.skipif(not running_as_root(), reason="kernels get their own uids only when grading as root")
def test_two_graders_at_once_never_share_a_kernel_uid() -> None:
    # The clean-up after each submission kills every process of its uid: a shared uid would let one
    # grader kill the other's kernels. The second claim runs in another process, as a second grader.
    import subprocess
    import sys

    probe = "from mleprep.grading.isolation import claimed_kernel_uids as c\nwith c(2) as u: print(*u)"
    with claimed_kernel_uids(2) as mine:
        other = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
        theirs = [int(u) for u in other.stdout.split()]
        assert len(set(mine)) == 2 and not set(mine) & set(theirs), (mine, theirs)
    with claimed_kernel_uids(2) as again:
        assert again == mine, "uids are given back when a grader finishes"


@pytest.mark.skipif(not running_as_root(), reason="kernels get their own uids only when grading as root")
def test_a_grader_that_finds_every_uid_taken_says_so() -> None:
    with pytest.raises(IsolationError, match="other graders hold"), claimed_kernel_uids(KERNEL_UID_POOL + 1):
        pass
