"""A throwaway PostgreSQL server from Debian's binaries, for the gradebook tests.

scripts/test.sh installs Debian's `postgresql` package; this module starts a private cluster in a
temporary folder on a free loopback port (as the `postgres` user when running as root, because
initdb refuses root) and stops it afterwards. Nothing else on the machine is touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def _bin_dir() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if not versions:
        raise PostgresUnavailable(
            "Debian's postgresql package is not installed (scripts/test.sh installs it)"
        )
    return versions[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """Yield the URL of a fresh database on a private server (user mleprep, trust auth on loopback)."""
    bin_dir = _bin_dir()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    folder = Path(tempfile.mkdtemp(prefix="mleprep-pg-"))
    if as_root:
        shutil.chown(folder, "postgres", "postgres")
    data, port = folder / "data", _free_port()

    def run(*cmd: str) -> None:
        subprocess.run([*prefix, *cmd], check=True, capture_output=True, text=True, cwd=folder)

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-U", "mleprep", "--auth=trust", "-E", "UTF8")
        run(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(folder / "server.log"),
            "-o",
            f"-k {folder} -h 127.0.0.1 -p {port}",
            "-w",
            "start",
        )
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline:
                raise PostgresUnavailable("the PostgreSQL server did not start within 30 s")
            time.sleep(0.2)
        run(str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "mleprep", "gradebook")
        yield f"postgresql+psycopg://mleprep@127.0.0.1:{port}/gradebook"
    finally:
        with contextlib.suppress(subprocess.CalledProcessError, FileNotFoundError):
            run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def postgres_url_or_skip(what: str) -> Iterator[str]:
    """A module fixture's body: a server's URL, skipped where none can start, failed under CI=true
    (CI must test `what` on a real server)."""
    import pytest

    try:
        with postgres_server() as url:
            yield url
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test {what} on PostgreSQL: {exc}")
        pytest.skip(str(exc))
