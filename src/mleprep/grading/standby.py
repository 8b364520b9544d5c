"""A warm grader kept by the candidate's lab, so that Submit does not wait for the grader's imports.

A lone `mleprep submit` starts a fork server that imports nbgrader (about 1.1 s, before the kernel can
start) and, while the kernel runs, imports scikit-learn, matplotlib and the reviewers (about 2.7 s
of CPU, on a machine whose other core the kernel wants). The lab server of a solo attempt keeps one
process that has done all of that (`python -m mleprep.grading.standby --socket PATH`): it listens on
a Unix socket in a folder only its user can enter, and forks one grading worker per request, warm.
The lab passes the socket to the `mleprep submit` it runs (GRADER_STANDBY_ENV); any other submit, or one
whose standby is gone, not yet warm or running other code, starts its own fork server as before.

The worker forked here is the same `_worker` the fork server would run, with the requesting
command's working folder and environment: only where it was forked from differs.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import importlib
import os
import signal
import socket
import sys
import sysconfig
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from mleprep.core.defaults import GRADER_STANDBY_ENV

# A request must arrive quickly once connected: a client that connects and says nothing is not ours.
REQUEST_TIMEOUT_S = 10


@functools.cache  # one command asks twice (ping, request); the standby once, before its imports
def fingerprint() -> str:
    """This interpreter, the mleprep code on disk and the installed packages: a standby whose code
    has changed since it started (an upgrade of mleprep or of nbgrader, scikit-learn, ...; a
    checkout) must not grade with the old code."""
    package = Path(__file__).resolve().parents[1]
    # mleprep's modules lie at most three deep; a checkout's node_modules below lab/ is not code.
    modules = [*package.glob("*.py"), *package.glob("*/*.py"), *package.glob("*/*/*.py")]
    newest = max((p.stat().st_mtime_ns for p in modules), default=0)
    # Installing or removing any package changes its site-packages folder (a new .dist-info).
    installed = Path(sysconfig.get_paths()["purelib"]).stat().st_mtime_ns
    facts = f"{sys.executable}\0{package}\0{newest}\0{installed}"
    return hashlib.sha256(facts.encode()).hexdigest()[:16]


def _connect(address: Path, timeout_s: float) -> Connection | None:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(timeout_s)
    try:
        client.connect(str(address))
    except OSError:
        client.close()
        return None
    client.settimeout(None)
    return Connection(client.detach())


_answered: dict[str, Path | None] = {}  # asked once per process and address


def standby_address() -> Path | None:
    """The socket of a warm standby that runs this very code, or None (no lab, not warm, stale)."""
    address = os.environ.get(GRADER_STANDBY_ENV, "")
    if address not in _answered:
        _answered[address] = _ask(Path(address)) if address else None
    return _answered[address]


def _exchange(address: Path, message: dict[str, Any]) -> tuple[Connection, dict[str, Any]] | None:
    """Send `message` to the standby and read its answer; the connection stays open for the caller
    to close (a worker's record comes over it later). None if the standby does not answer."""
    conn = _connect(address, timeout_s=2)
    if conn is None:
        return None
    try:
        conn.send(message)
        if conn.poll(REQUEST_TIMEOUT_S):
            return conn, conn.recv()
    except (OSError, EOFError):
        pass
    conn.close()
    return None


def _ask(address: Path) -> Path | None:
    exchanged = _exchange(address, {"kind": "ping"})
    if exchanged is None:
        return None
    conn, answer = exchanged
    conn.close()
    return address if answer.get("fingerprint") == fingerprint() else None


class StandbyWorker:
    """A grading worker forked by the standby: its pid and the connection its record comes over."""

    def __init__(self, pid: int, receive: Connection) -> None:
        self.pid = pid
        self.receive = receive
        self.exitcode: int | None = None  # not our child: its exit code is the standby's to collect

    def join(self, timeout_s: float) -> None:
        import psutil

        # Not our child: psutil waits until it is gone (the standby reaps it at once).
        with contextlib.suppress(psutil.Error):
            psutil.Process(self.pid).wait(timeout_s)


def start_on_standby(address: Path, args: tuple[Any, ...]) -> StandbyWorker | None:
    """Ask the standby at `address` to fork `grading_worker._worker(conn, *args)`; None if it cannot."""
    request = {"kind": "grade", "fingerprint": fingerprint(), "args": args}
    exchanged = _exchange(address, {**request, "cwd": os.getcwd(), "env": dict(os.environ)})
    if exchanged is None:
        return None
    conn, answer = exchanged
    if "pid" not in answer:  # refused: it runs other code
        conn.close()
        return None
    return StandbyWorker(answer["pid"], conn)


def _serve_one(conn: Connection, own: str) -> None:
    """In the forked child: answer a ping, or become the grading worker the request asks for."""
    if not conn.poll(REQUEST_TIMEOUT_S):
        return
    request = conn.recv()
    if request.get("kind") == "ping" or request.get("fingerprint") != own:
        conn.send({"fingerprint": own})
        return
    from mleprep.grading.grading_worker import _worker

    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    candidate = request["args"][2]
    print(f"mleprep: standby grader: {candidate} in worker {os.getpid()}", file=sys.stderr, flush=True)
    conn.send({"pid": os.getpid()})
    _worker(conn, *request["args"])


def _reap(*_: object) -> None:
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass


def serve(*, address: Path, owner: int, warm_after_s: float = 0) -> None:
    """Import what grading needs, listen at `address` (a socket file in a private folder) and fork a
    worker per request, until `owner` (the pid of the process that started this one) ends or the
    socket is removed."""
    # The owner's pid, not our parent's at start: an owner that died before we got here has already
    # handed us to another parent.
    deadline = time.monotonic() + warm_after_s
    while time.monotonic() < deadline and os.getppid() == owner:
        time.sleep(0.5)
    if os.getppid() != owner:
        return  # the lab closed before we were warm: no imports for nobody
    # Before the imports: code changed while they run makes the clients' fingerprint differ, never ours.
    own = fingerprint()
    from mleprep.grading.fork_server import AFTER_EXECUTION, PRELOAD

    for name in [*PRELOAD, *AFTER_EXECUTION, "matplotlib.pyplot", "mleprep.grading.grading_worker"]:
        importlib.import_module(name)
    # Bound and listening under another name first: a client that finds `address` can connect.
    bound = address.with_name(address.name + ".new")
    bound.unlink(missing_ok=True)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(bound))
    bound.chmod(0o600)
    listener.listen(8)
    bound.replace(address)
    signal.signal(signal.SIGCHLD, _reap)
    print(f"mleprep: standby grader ready at {address}", file=sys.stderr, flush=True)
    try:
        while os.getppid() == owner and address.exists():
            _accept_one(listener, own)
    finally:
        address.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            address.parent.rmdir()  # the private folder it was given, once empty


def _accept_one(listener: socket.socket, own: str) -> None:
    """Serve one connection in a forked child, or return after a second without one."""
    listener.settimeout(1)
    try:
        client, _ = listener.accept()
        child = os.fork()
    except TimeoutError:
        return
    except OSError as exc:  # out of descriptors or memory for now: the next submit may fall back
        print(f"mleprep: standby grader could not serve a request: {exc}", file=sys.stderr, flush=True)
        time.sleep(1)
        return
    if child:
        client.close()
        return
    # The worker waits for its own children (the kernel): it must not reap them as we do.
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    listener.close()
    try:
        client.settimeout(None)
        _serve_one(Connection(client.detach()), own)
    finally:
        # As a fork server's child leaves: what it wrote reaches its log, and nothing else runs.
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m mleprep.grading.standby",
        description="Keep a warm grader for `mleprep submit` (the lab starts one per solo attempt).",
        epilog="example: python -m mleprep.grading.standby --socket /tmp/mleprep-x/grader.sock",
    )
    parser.add_argument("--socket", type=Path, required=True, help="where to listen (its folder private)")
    parser.add_argument("--warm-after", type=float, default=0, help="seconds to wait before importing")
    parser.add_argument("--owner", type=int, default=None, help="end with this pid (default: the parent)")
    args = parser.parse_args(argv)
    serve(address=args.socket, owner=args.owner or os.getppid(), warm_after_s=args.warm_after)


if __name__ == "__main__":
    main()
