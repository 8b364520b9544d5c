"""The kernel a submission runs in: budgets applied, and no grader privileges when grading as root.

nbgrader starts kernels through a kernelspec; grading installs one (`install_kernelspec`) whose
command is `python -m mleprep.grading.kernel_sandbox ... -f {connection_file}`. This launcher sets the
limits, drops to the kernel's own user, and then becomes the ordinary IPython kernel (exec), so
jupyter_client's interrupt, restart and kill keep working on the same process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

SANDBOX_KERNEL = "mleprep-sandbox"
TOKEN_ENV = "MLEPREP_GRADING_TOKEN"
# Large enough for any honest take-home artefact, small enough that a write loop cannot fill a disk.
MAX_FILE_BYTES = 2 * 10**9
MAX_PROCESSES = 256
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


@dataclass(frozen=True)
class KernelLimits:
    """What one submission's kernel may use; `uid` None means it runs as the grader's own user."""

    memory_bytes: int
    token: str
    threads: int = 1
    uid: int | None = None
    home: Path | None = None  # the kernel's private HOME when it runs as `uid`


def install_kernelspec(folder: Path, limits: KernelLimits) -> Path:
    """Write `folder/kernels/mleprep-sandbox/kernel.json`; put `folder` first on JUPYTER_PATH to use it."""
    argv = [
        sys.executable,
        "-m",
        "mleprep.grading.kernel_sandbox",
        "--memory",
        str(limits.memory_bytes),
        "--token",
        limits.token,
        "--threads",
        str(limits.threads),
    ]
    if limits.uid is not None:
        argv += ["--uid", str(limits.uid), "--home", str(limits.home or folder / "home")]
    spec_dir = folder / "kernels" / SANDBOX_KERNEL
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [*argv, "-f", "{connection_file}"],
        "display_name": "Python 3 (mleprep grading)",
        "language": "python",
        "interrupt_mode": "signal",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))
    return spec_dir


def _chown_tree(root: Path, uid: int) -> None:
    os.chown(root, uid, uid, follow_symlinks=False)
    for dirpath, dirnames, filenames in os.walk(root):
        for name in [*dirnames, *filenames]:
            os.chown(os.path.join(dirpath, name), uid, uid, follow_symlinks=False)


def _drop_privileges(uid: int, home: Path, connection_file: str) -> str:
    """Become `uid` with a private home; return the connection file's copy that `uid` can read."""
    workdir = Path.cwd()
    _chown_tree(workdir, uid)
    workdir.chmod(0o700)
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    private_connection = home / "connection.json"
    shutil.copyfile(connection_file, private_connection)
    _chown_tree(home, uid)
    os.environ.update(
        HOME=str(home),
        TMPDIR=str(home),
        IPYTHONDIR=str(home / ".ipython"),
        MPLCONFIGDIR=str(home / ".matplotlib"),
        USER="mleprep-kernel",
        LOGNAME="mleprep-kernel",
    )
    # Processes count per user: one runaway fork loop must not exhaust the machine.
    resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    return str(private_connection)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m mleprep.grading.kernel_sandbox", description=__doc__)
    parser.add_argument("--memory", type=int, required=True, help="address-space limit in bytes")
    parser.add_argument("--token", required=True, help="marks every process of this submission")
    parser.add_argument("--threads", type=int, default=1, help="BLAS/OpenMP threads")
    parser.add_argument("--uid", type=int, help="user to run as (only when started as root)")
    parser.add_argument("--home", type=Path, help="private HOME for --uid (created here)")
    parser.add_argument("-f", dest="connection_file", required=True)
    args, kernel_args = parser.parse_known_args(argv)

    # An address-space limit turns a multi-GB allocation into a MemoryError in the cell that made it,
    # instead of the machine's OOM killer taking the kernel (or a neighbour) down.
    resource.setrlimit(resource.RLIMIT_AS, (args.memory, args.memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.environ[TOKEN_ENV] = args.token
    for var in THREAD_VARS:
        os.environ[var] = str(args.threads)
    connection_file = args.connection_file
    if args.uid is not None:
        home = args.home or Path(tempfile.mkdtemp(prefix="mleprep-kernel-"))
        connection_file = _drop_privileges(args.uid, home, connection_file)
    cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", connection_file, *kernel_args]
    os.execv(sys.executable, cmd)


if __name__ == "__main__":
    main()
