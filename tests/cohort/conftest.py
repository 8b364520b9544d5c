"""A small hub on disk for the clock sweep's tests: real candidates' homes, an exchange and a store.

The service writes into a candidate's home and the exchange's inbound as that candidate (a process
started with their uid and gid), so everything lives in a folder every uid can traverse: pytest's
own tmp_path (under /tmp/pytest-of-root, mode 0700) is not.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mleprep.cohort import clock_sweep
from mleprep.cohort.attempt_store import AttemptStore
from mleprep.cohort.clock_sweep import NBGRADER_CACHE, STAMPED_DIR, SweepReport, sweep
from mleprep.cohort.exchange_files import TIMESTAMP_FORMAT, ExchangeCourse
from mleprep.course.root import find_course

REPO = Path(__file__).resolve().parents[2]
NOBODY = pwd.getpwuid(65534).pw_name  # "nobody" on Debian
OTHER = "daemon"  # a second real uid (1) that sorts before NOBODY: the sweep meets it first
OLD_NAME_TIME = datetime(2020, 1, 1, tzinfo=UTC)


def ids_of(name: str) -> tuple[int, int]:
    user = pwd.getpwnam(name)
    return user.pw_uid, user.pw_gid


def chown_tree(folder: Path, name: str) -> None:
    uid, gid = ids_of(name)
    for path in [folder, *folder.rglob("*")]:
        os.lchown(path, uid, gid)


def readable_by(candidate: str, path: Path) -> bool:
    """Whether a process of `candidate`'s (their uid and gid, no other groups) can read `path`."""
    uid, gid = ids_of(candidate)
    done = subprocess.run(
        [sys.executable, "-c", "import sys; open(sys.argv[1], 'rb').read(1)", str(path)],
        user=uid,
        group=gid,
        extra_groups=[],
        cwd="/",
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode != 0 and "PermissionError" not in done.stderr:
        raise AssertionError(f"reading {path} as {candidate} failed for another reason: {done.stderr}")
    return done.returncode == 0


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` (lstat only), with the bytes of its regular files."""
    found = {}
    for path in folder.rglob("*"):
        rel = str(path.relative_to(folder))
        found[rel] = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    return found


@dataclass
class World:
    base: Path
    store: AttemptStore
    notebook: str

    @property
    def exchange(self) -> ExchangeCourse:
        return ExchangeCourse(self.base / "exchange", "mleprep")

    @property
    def stamped(self) -> Path:
        return self.base / "course" / STAMPED_DIR

    def stamped_copy(self, name: str) -> Path:
        return self.stamped / "churn" / name

    def home(self, candidate: str) -> Path:
        return self.base / "home" / candidate

    def cache(self, candidate: str) -> Path:
        return self.home(candidate) / NBGRADER_CACHE / "mleprep"

    def run(self, now: datetime | None = None) -> SweepReport:
        return sweep(
            store=self.store,
            exchange=self.exchange,
            stamped_dir=self.stamped,
            notebooks={"churn": self.notebook},
            now=now or datetime.now(UTC),
            homes=self.home,
        )

    def saved_work(self, candidate: str = NOBODY) -> Path:
        """The fetched folder in the candidate's home, with answers saved and a checkpoint."""
        home = self.home(candidate)
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        folder = home / "churn"
        folder.mkdir()
        (folder / self.notebook).write_text(f'{{"cells": ["{candidate} answers"]}}')
        (folder / "data.csv").write_text("a,b\n1,2\n")
        (folder / ".ipynb_checkpoints").mkdir()
        (folder / ".ipynb_checkpoints" / "scratch.ipynb").write_text("{}")
        chown_tree(home, candidate)
        return folder

    def inbound_entry(
        self, candidate: str, owner: str = NOBODY, at: datetime = OLD_NAME_TIME, marker: str = "0123abcd"
    ) -> Path:
        """A submission as a candidate's own nbgrader writes it, with the timestamp it chose."""
        timestamp = at.strftime(TIMESTAMP_FORMAT)
        folder = self.exchange.inbound / f"{candidate}+churn+{timestamp}+{marker}"
        folder.mkdir()
        (folder / self.notebook).write_text('{"cells": []}')
        (folder / "timestamp.txt").write_text(timestamp)
        (folder / "submission_secret.txt").write_text("s3cret")
        chown_tree(folder, owner)
        return folder

    def expire(self, *candidates: str, now: datetime) -> None:
        """Start each candidate's clock five hours before `now`: an hour past the four-hour limit."""
        for candidate in candidates:
            self.store.start(candidate=candidate, assignment="churn", now=now - timedelta(hours=5))


@pytest.fixture(autouse=True)
def no_quiet_wait(monkeypatch):
    """Stamp a submission as soon as it is complete: these tests write it and sweep at once."""
    monkeypatch.setattr(clock_sweep, "QUIET_S", 0)


@pytest.fixture(scope="session")
def notebook() -> str:
    return find_course(REPO).assignment("churn").notebook


@pytest.fixture
def world(tmp_path, notebook):
    if os.geteuid() != 0:
        pytest.skip("writing as the candidates needs root")
    try:
        ids_of(OTHER)
    except KeyError:
        pytest.skip(f"no {OTHER} user for a second candidate")
    base = Path(tempfile.mkdtemp(prefix="mleprep-sweep-", dir="/tmp"))
    base.chmod(0o755)
    store = AttemptStore(f"sqlite:///{tmp_path}/gb.db")
    store.release(assignment="churn", time_limit_s=4 * 3600, now=datetime.now(UTC) - timedelta(days=1))
    w = World(base, store, notebook)
    w.exchange.inbound.mkdir(parents=True)
    w.exchange.inbound.chmod(0o733)  # as nbgrader makes it: anyone may drop in, nobody may list
    try:
        yield w
    finally:
        store.close()
        shutil.rmtree(base, ignore_errors=True)
