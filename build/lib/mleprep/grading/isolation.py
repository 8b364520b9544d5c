"""Keeping a submission's code away from grading material and from other submissions.

When the grader runs as root (CI, a grading server), every kernel runs as its own unprivileged uid
(one per parallel slot, claimed from a machine-wide pool so that two graders never share one) and
the course's private folders are closed to other users. Without root a kernel runs as the grader's
user and could read what that user reads: see README "Isolation". Either way, every process a
submission started is found afterwards (by uid, or by the token in its environment) and killed.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mleprep.core import defaults
from mleprep.core.errors import MleprepError
from mleprep.course.root import Course
from mleprep.grading.budget import Budget
from mleprep.grading.kernel_sandbox import SANDBOX_KERNEL, TOKEN_ENV, KernelLimits, install_kernelspec

# uids without a passwd entry, far above Debian's dynamic ranges' users in practice; one per slot.
KERNEL_UID_BASE = 64200
# Every grader on the machine claims its uids from this pool with a lock file per uid: two graders
# running at once (a cohort's batch and a mentor's verify) must never share a uid, because the
# clean-up after each submission kills every process of its uid.
KERNEL_UID_POOL = 256
# Only root claims uids: the folder is root's, outside any user's TMPDIR, checked before each use.
UID_LOCK_DIR = Path("/run/mleprep-kernel-uids")
OPT_OUT_ENV = "MLEPREP_KERNEL_AS_ROOT"


class IsolationError(MleprepError, RuntimeError):
    """Kernels cannot be isolated on this machine; the message says what to change."""


def running_as_root() -> bool:
    return os.geteuid() == 0


def kernels_run_as_root() -> bool:
    """Kernels run as the grader's own user: not root, or root that opted out."""
    return not running_as_root() or os.environ.get(OPT_OUT_ENV) == "1"


def _own_lock_dir() -> None:
    """Make UID_LOCK_DIR root's and private, or refuse: a folder another user made (or a symlink)
    would let them hold every uid or point root's lock files elsewhere."""
    UID_LOCK_DIR.mkdir(mode=0o700, exist_ok=True)
    info = os.lstat(UID_LOCK_DIR)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != 0:
        raise IsolationError(f"{UID_LOCK_DIR} is not a folder owned by root: remove it and grade again")
    if info.st_mode & 0o077:
        os.chmod(UID_LOCK_DIR, 0o700)


@contextlib.contextmanager
def claimed_kernel_uids(count: int) -> Iterator[list[int | None]]:
    """`count` kernel uids that no other grader on this machine holds, held until the block ends;
    Nones when kernels run as the grader's own user."""
    if kernels_run_as_root():
        yield [None] * count
        return
    _own_lock_dir()
    held: list[tuple[int, int]] = []
    try:
        for uid in range(KERNEL_UID_BASE, KERNEL_UID_BASE + KERNEL_UID_POOL):
            if len(held) == count:
                break
            fd = os.open(UID_LOCK_DIR / f"{uid}.lock", os.O_CREAT | os.O_RDWR | os.O_NOFOLLOW, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # held by another grader (or unusable): try the next uid
                os.close(fd)
                continue
            held.append((uid, fd))
            # A grader that crashed may have left kernels running as this uid: not beside a new one.
            kill_leftovers(token=None, uid=uid)
        if len(held) < count:
            raise IsolationError(
                f"{count} kernel uids are needed but other graders hold all but {len(held)} of the "
                f"{KERNEL_UID_POOL} (lock files in {UID_LOCK_DIR}): wait for them or grade with fewer jobs"
            )
        yield [uid for uid, _ in held]
    finally:
        for _, fd in held:
            os.close(fd)


@functools.cache
def check_kernel_user(uid: int) -> None:
    """Raise IsolationError unless `uid` can start this Python and reach its packages and mleprep.

    One package from site-packages and mleprep's own stand for all: they share permissions. Finding
    and reading their first files checks what importing them would, without the import's cost.
    Checked once per process and uid.
    """
    probe = (
        "import importlib.util as u\n"
        "for name in ('ipykernel', 'mleprep.grading.kernel_sandbox'):\n"
        "    spec = u.find_spec(name)\n"
        "    if spec is None or spec.origin is None: raise ImportError(f'No module named {name!r}')\n"
        "    open(spec.origin, 'rb').close()\n"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", probe],
            user=uid,
            group=uid,
            extra_groups=[],
            cwd="/",
            capture_output=True,
            text=True,
            timeout=120,
        )
        tail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        failed = result.returncode != 0
    except OSError as exc:  # the interpreter itself is out of reach
        tail, failed = str(exc), True
    if failed:
        raise IsolationError(
            f"kernels run as uid {uid} when grading as root, but that user cannot start "
            f"{sys.executable} ({tail}). Make the interpreter's folders readable and traversable "
            f"by other users (e.g. chmod o+x on each parent folder), or set {OPT_OUT_ENV}=1 to run "
            "kernels as root, which lets candidate code read holdout labels."
        )


PRIVATE_DIRS = (
    defaults.AUTOGRADERS_DIR,
    defaults.SOURCE_DIR,
    defaults.SUBMITTED_DIR,
    defaults.FEEDBACK_DIR,
    defaults.REPORTS_DIR,
)
PRIVATE_FILES = (defaults.GRADEBOOK_FILE,)


def lock_down(course: Course) -> None:
    """Close the course's private material to other users (only meaningful when grading as root).

    autograded/ stays traversable so a kernel can work in its own folder, which the sandbox makes
    its own; it cannot list autograded/ to find anyone else's.
    """
    for name in PRIVATE_DIRS:
        if (course.root / name).is_dir():
            (course.root / name).chmod(0o700)
    for name in PRIVATE_FILES:
        if (course.root / name).is_file():
            (course.root / name).chmod(0o600)
    course.autograded_dir.mkdir(exist_ok=True)
    course.autograded_dir.chmod(0o711)
    for candidate in course.autograded_dir.iterdir():
        if candidate.is_dir():
            candidate.chmod(0o711)


def reclaim(folder: Path) -> None:
    """Give a kernel's working folder back to the grader (root) and keep it private."""
    if not running_as_root() or not folder.exists():
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [dirpath, *(os.path.join(dirpath, n) for n in [*dirnames, *filenames])]:
            with contextlib.suppress(FileNotFoundError):
                os.chown(name, 0, 0, follow_symlinks=False)
    folder.chmod(0o700)


def become_subreaper() -> None:
    """Adopt orphaned descendants (Linux only; a no-op elsewhere).

    Processes the notebook daemonizes (double fork) re-parent to the caller instead of init, so
    they stay within reach of a process-tree kill even without a token in their environment.
    """
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def kill_processes(procs: list[Any], timeout_s: float = 10) -> None:
    """SIGKILL `procs` (psutil processes) and wait until each is gone or a zombie.

    A zombie is dead: only its parent (often not us, e.g. the fork server) can reap it, so waiting
    for it to vanish, as psutil.wait_procs does, costs whatever that parent takes.
    """
    import psutil

    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            proc.kill()
    deadline = time.monotonic() + timeout_s
    for proc in procs:
        while time.monotonic() < deadline:
            try:
                if proc.status() == psutil.STATUS_ZOMBIE:
                    break
            except psutil.NoSuchProcess:
                break
            time.sleep(0.01)


def kill_leftovers(*, token: str | None, uid: int | None) -> list[int]:
    """Kill every process of one submission (its uid, or its token in the environment); their pids.

    Without a token only the uid counts, which spares reading every process's environment."""
    import psutil

    found = []
    me = os.getpid()
    for proc in psutil.process_iter(["pid", "uids"]):
        if proc.pid == me:
            continue
        try:
            mine = uid is not None and proc.info["uids"] and proc.info["uids"].real == uid
            if not mine and token is not None:
                mine = proc.environ().get(TOKEN_ENV) == token
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        if mine:
            found.append(proc)
    kill_processes(found)
    return [p.pid for p in found]


def ipc_transport(sockets: Path) -> dict[str, str]:
    """jupyter_client's KernelManager settings for a kernel on IPC sockets in `sockets`.

    Not TCP ports any local user could reach; and a contained kernel has no network to use TCP.
    The socket path must be absolute: kernel and client run in different working folders.
    """
    return {"transport": "ipc", "ip": str(sockets.resolve() / "kernel")}


@contextlib.contextmanager
def submission_sandbox(
    *, budget: Budget, uid: int | None, threads: int, contain: bool, token: str | None = None
) -> Iterator[dict[str, dict[str, Any]]]:
    """nbgrader settings that run the submission's kernel in the sandbox; cleans up after it.

    `contain` runs the kernel inside bubblewrap's namespaces (containment.py).

    On exit every process the submission started is killed, whatever happened inside. `token`
    marks those processes (the batch passes its own, to clean up after a worker it had to kill).
    """
    token = token or uuid.uuid4().hex
    previous = os.environ.get("JUPYTER_PATH")
    with tempfile.TemporaryDirectory(prefix="mleprep-sandbox-") as tmp:
        # The kernel (as `uid`) must reach its home and sockets inside; it cannot list the folder.
        Path(tmp).chmod(0o711)
        sockets = Path(tmp) / "ipc"
        sockets.mkdir(mode=0o700)
        limits = KernelLimits(
            budget.memory_bytes,
            token,
            threads,
            uid,
            Path(tmp) / "home",
            contain=contain,
        )
        install_kernelspec(Path(tmp), limits)
        os.environ["JUPYTER_PATH"] = tmp + (os.pathsep + previous if previous else "")
        try:
            yield {
                "Execute": {"timeout": budget.timeout_s, "kernel_name": SANDBOX_KERNEL},
                "KernelManager": ipc_transport(sockets),
                "LimitOutputBytes": {"max_bytes": budget.output_bytes},
            }
        finally:
            if previous is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = previous
            kill_leftovers(token=token, uid=uid)
