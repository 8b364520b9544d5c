"""A kernel's view of the machine: its working folder, its home, the interpreter and its libraries
(read-only), and no network, through Linux namespaces made by bubblewrap (Debian's `bubblewrap`).

The uid drop (isolation.py) keeps a kernel out of files closed to other users; containment also
hides what is world-readable (another copy of a course, another grader's labels) and the network,
which a uid cannot. Where bubblewrap is missing or the kernel refuses namespaces, kernels run
uncontained and the batch says so (README "Isolation").
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

CONTAIN_ENV = "MLEPREP_CONTAIN"  # "0" turns containment off (say, inside a container that forbids it)
# The system's programs and libraries; /etc for name resolution of the kernel's own libraries,
# time zones and certificates. Read-only, like everything but the kernel's own folders.
SYSTEM_PATHS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc", "/sys")


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


@functools.cache
def containment_problem() -> str | None:
    """Why kernels cannot be contained here, or None when they can (probed once per process)."""
    if os.environ.get(CONTAIN_ENV) == "0":
        return f"{CONTAIN_ENV}=0"
    bwrap = bwrap_path()
    if bwrap is None:
        return "bubblewrap (bwrap) is not installed: apt-get install bubblewrap"
    probe = [bwrap, *_namespaces(), "--die-with-parent", "--ro-bind", "/", "/", "true"]
    try:
        result = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap could not run: {exc}"
    if result.returncode != 0:
        return f"this machine refuses namespaces to bwrap: {result.stderr.strip() or result.returncode}"
    return None


def _namespaces() -> list[str]:
    flags = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    # Root needs no user namespace (and one would forbid the uid drop inside); anyone else does.
    return flags if os.geteuid() == 0 else [*flags, "--unshare-user"]


def python_paths(*, private: Path) -> list[Path]:
    """Folders this interpreter imports from, except any that holds `private` (a course's files)."""
    candidates = {Path(sys.base_prefix), Path(sys.prefix)}
    candidates |= {Path(p) for p in sys.path if p and Path(p).is_dir()}
    private = private.resolve()
    kept = []
    for path in sorted(p.resolve() for p in candidates):
        if path == private or path in private.parents:
            continue  # e.g. a course root on PYTHONPATH would show its autograders/ folder
        if any(parent in kept for parent in path.parents):
            continue
        kept.append(path)
    return kept


def bwrap_command(*, workdir: Path, writable: list[Path], command: list[str], as_root: bool) -> list[str]:
    """bwrap's argv running `command` in `workdir`, seeing only what a kernel needs."""
    bwrap = bwrap_path()
    assert bwrap is not None
    argv = [bwrap, *_namespaces(), "--die-with-parent"]
    for system in SYSTEM_PATHS:
        path = Path(system)
        if path.is_symlink():
            argv += ["--symlink", os.readlink(path), system]
        elif path.is_dir():
            argv += ["--ro-bind", system, system]
    argv += ["--proc", "/proc", "--dev", "/dev"]
    # Shared memory (joblib, multiprocessing) and /tmp as on any machine: sticky, writable by all.
    argv += ["--perms", "1777", "--tmpfs", "/dev/shm", "--perms", "1777", "--tmpfs", "/tmp"]
    made = {Path("/"), Path("/tmp"), Path("/dev"), Path("/proc")}
    binds = [("--ro-bind", p) for p in python_paths(private=workdir)]
    binds += [("--bind", p) for p in [workdir, *writable]]
    for flag, path in binds:
        # bwrap makes missing parents private (0700): a kernel running as its own uid must be able
        # to pass through them (0711), never to list them.
        for parent in reversed(path.parents):
            if parent not in made:
                argv += ["--perms", "0711", "--dir", str(parent)]
                made.add(parent)
        argv += [flag, str(path), str(path)]
        made.add(path)
    if as_root:
        # Only when the grader opted out of the uid drop: root inside keeps no capabilities.
        argv += ["--cap-drop", "ALL"]
    return [*argv, "--chdir", str(workdir), "--", *command]
