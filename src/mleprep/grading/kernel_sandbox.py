"""The kernel a submission runs in: budgets applied, contained, and no grader privileges.

nbgrader starts kernels through a kernelspec; grading installs one (`install_kernelspec`) whose
command is `python -m mleprep.grading.kernel_sandbox ... -f {connection_file}`. This launcher sets the
limits, and then either becomes the ordinary IPython kernel (exec) or, contained, execs bubblewrap
(containment.py), which runs this module again inside (`--inside`) to drop to the kernel's own user
and become the kernel. Either way jupyter_client's interrupt, restart and kill reach the kernel:
the kernel talks to the grader over IPC sockets in a folder both see, never over the network.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mleprep.grading.containment import bwrap_command

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
    home: Path | None = None  # the kernel's private HOME (a fresh folder when None)
    contain: bool = False  # run inside bubblewrap: own files only, no network


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
    argv += ["--home", str(limits.home or folder / "home")]
    if limits.uid is not None:
        argv += ["--uid", str(limits.uid)]
    if limits.contain:
        argv.append("--contain")
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


def _private_home(home: Path, connection_file: str | None, uid: int | None) -> Path | None:
    """The kernel's HOME with its own copy of the connection file (readable by `uid`); None for a
    probe, which has no connection file."""
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    private_connection = home / "connection.json" if connection_file is not None else None
    if connection_file is not None and private_connection is not None:
        shutil.copyfile(connection_file, private_connection)
    if uid is not None:
        _chown_tree(home, uid)
    os.environ.update(
        HOME=str(home),
        TMPDIR=str(home),
        IPYTHONDIR=str(home / ".ipython"),
        MPLCONFIGDIR=str(home / ".matplotlib"),
    )
    return private_connection


def _ipc_folder(connection_file: Path) -> Path | None:
    """The folder of the kernel's IPC sockets, when it talks over IPC."""
    info = json.loads(connection_file.read_text(encoding="utf-8"))
    return Path(info["ip"]).parent if info.get("transport") == "ipc" else None


def _become(uid: int) -> None:
    """Drop to `uid` for good (no groups, no capabilities)."""
    os.environ.update(USER="mleprep-kernel", LOGNAME="mleprep-kernel")
    # Processes count per user: one runaway fork loop must not exhaust the machine.
    resource.setrlimit(resource.RLIMIT_NPROC, (MAX_PROCESSES, MAX_PROCESSES))
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)


def _exec_kernel(connection_file: Path, kernel_args: list[str]) -> None:
    cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", str(connection_file), *kernel_args]
    os.execv(sys.executable, cmd)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m mleprep.grading.kernel_sandbox", description=__doc__)
    parser.add_argument("--memory", type=int, required=True, help="address-space limit in bytes")
    parser.add_argument("--token", required=True, help="marks every process of this submission")
    parser.add_argument("--threads", type=int, default=1, help="BLAS/OpenMP threads")
    parser.add_argument("--uid", type=int, help="user to run as (only when started as root)")
    parser.add_argument("--home", type=Path, help="private HOME (created here)")
    parser.add_argument("--contain", action="store_true", help="run inside bubblewrap's namespaces")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--exec",
        dest="run",
        action="store_true",
        help="run the command after -- instead of a kernel (probes)",
    )
    parser.add_argument("-f", dest="connection_file")
    args, kernel_args = parser.parse_known_args(argv)
    if args.run:
        kernel_args = kernel_args[1:] if kernel_args[:1] == ["--"] else kernel_args
        if not kernel_args:
            parser.error("--exec needs a command after --")
    elif args.connection_file is None:
        parser.error("-f CONNECTION_FILE is required to start a kernel")

    if args.inside:  # second stage, inside the namespaces: only the uid drop is left
        # Interrupts must reach the kernel as KeyboardInterrupt (the first stage ignored them).
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        # Parent polling compares pids across the pid namespace; bwrap's --die-with-parent does it.
        os.environ.pop("JPY_PARENT_PID", None)
        if args.uid is not None:
            _become(args.uid)
        if args.run:
            os.execv(kernel_args[0], kernel_args)
        _exec_kernel(Path(args.connection_file), kernel_args)

    # An address-space limit turns a multi-GB allocation into a MemoryError in the cell that made it,
    # instead of the machine's OOM killer taking the kernel (or a neighbour) down.
    resource.setrlimit(resource.RLIMIT_AS, (args.memory, args.memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    os.environ[TOKEN_ENV] = args.token
    for var in THREAD_VARS:
        os.environ[var] = str(args.threads)
    # glibc reserves 64 MB of address space per malloc arena and makes more arenas when threads
    # contend for one, i.e. when the machine is busy: under the address-space limit that made the
    # same notebook die under load and pass when quiet. Two arenas keep the reservation fixed.
    os.environ["MALLOC_ARENA_MAX"] = "2"
    workdir = Path.cwd()
    if args.uid is not None:
        _chown_tree(workdir, args.uid)
        workdir.chmod(0o700)
    home = args.home or Path(tempfile.mkdtemp(prefix="mleprep-kernel-"))
    connection = _private_home(home, args.connection_file, args.uid)
    ipc = _ipc_folder(connection) if connection is not None else None
    if ipc is not None and args.uid is not None:
        os.chown(ipc, args.uid, args.uid)
    if not args.contain:
        if args.uid is not None:
            _become(args.uid)
        if args.run:
            os.execv(kernel_args[0], kernel_args)
        assert connection is not None
        _exec_kernel(connection, kernel_args)
    inside = [
        sys.executable,
        "-m",
        "mleprep.grading.kernel_sandbox",
        "--inside",
        "--memory",
        str(args.memory),
    ]
    inside += ["--token", args.token, *(["--uid", str(args.uid)] if args.uid is not None else [])]
    inside += ["--exec", "--"] if args.run else ["-f", str(connection)]
    command = bwrap_command(
        workdir=workdir,
        writable=[home, *([ipc] if ipc is not None else [])],
        command=[*inside, *kernel_args],
        as_root=os.geteuid() == 0 and args.uid is None,
    )
    # jupyter_client interrupts the kernel's whole process group: bubblewrap must survive SIGINT
    # (ignored, inherited across exec) while the kernel inside turns it into KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
