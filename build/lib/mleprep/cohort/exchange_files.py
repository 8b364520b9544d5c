"""nbgrader's exchange on disk, as the clock service and the mentor's commands read and write it.

Submissions arrive in `<exchange>/<course>/inbound/<user>+<assignment>+<timestamp>+<random>/`,
written by the candidate's own server. The name and timestamp.txt are the candidate's to choose,
so nothing here trusts them for time: a submission's time is the latest inode change of its files
(which no unprivileged user can set back). The service runs as root and everything under a
candidate's control may be a link, a pipe or a folder swapped mid-walk: it reads their files
through descriptors that never follow links (and writes into their home only as them, in
mleprep.cohort.as_candidate).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mleprep.core.defaults import NOT_WORK
from mleprep.core.errors import MleprepError

# nbgrader's Exchange.timestamp_format, so its fetch_feedback and list read ours alike.
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"
# A submission larger than this is refused rather than copied (a candidate could fill the disk).
MAX_SUBMISSION_BYTES = 500 * 2**20
_NO_FOLLOW = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


class UnsafeSubmission(MleprepError, ValueError):
    """A submission the service will not copy: too large, or changed under it."""


@dataclass(frozen=True)
class InboundEntry:
    name: str
    candidate: str
    assignment: str
    path: Path
    # What went wrong beside the submission itself (written by the service for a candidate).
    note: str | None = None


@dataclass(frozen=True)
class ExchangeCourse:
    """One course's folders in an nbgrader exchange."""

    root: Path
    course_id: str

    @property
    def inbound(self) -> Path:
        return self.root / self.course_id / "inbound"

    @property
    def outbound(self) -> Path:
        return self.root / self.course_id / "outbound"

    def inbound_entries(self, assignment: str | None = None) -> list[InboundEntry]:
        if not self.inbound.is_dir():
            return []
        entries = []
        for path in sorted(self.inbound.iterdir()):
            parts = path.name.rsplit("+", 3)
            # Dot names are copies in progress (nbgrader's and ours), never submissions.
            if path.name.startswith(".") or len(parts) != 4 or not stat.S_ISDIR(path.lstat().st_mode):
                continue
            if assignment is None or parts[1] == assignment:
                entries.append(InboundEntry(path.name, parts[0], parts[1], path))
        return entries


def _walk(folder: Path) -> Iterator[tuple[str, list[str], list[str], int]]:
    # fwalk opens each folder without following links and checks it is the one it listed.
    return os.fwalk(folder, follow_symlinks=False)


def content_time(folder: Path, *, earliest: bool = False) -> datetime:
    """The latest (or `earliest`) inode change in `folder` and below, work files only."""
    pick = min if earliest else max
    found = folder.lstat().st_ctime
    for _, dirnames, filenames, dirfd in _walk(folder):
        dirnames[:] = [d for d in dirnames if d not in NOT_WORK]
        for name in (*dirnames, *filenames):
            with contextlib.suppress(FileNotFoundError):  # deleted while we looked
                found = pick(found, os.stat(name, dir_fd=dirfd, follow_symlinks=False).st_ctime)
    return datetime.fromtimestamp(found, UTC)


def submission_name(candidate: str, assignment: str, now: datetime) -> tuple[str, str]:
    """An inbound folder name as nbgrader's submit makes it, and its timestamp text."""
    timestamp = now.astimezone(UTC).strftime(TIMESTAMP_FORMAT)
    return f"{candidate}+{assignment}+{timestamp}+{secrets.token_hex(16)}", timestamp


def owner_name(path: Path) -> str | None:
    try:
        return pwd.getpwuid(path.lstat().st_uid).pw_name
    except (KeyError, OSError):
        return None


def snapshot(
    source: Path, dest: Path, *, skip: tuple[str, ...] = (), owner_uid: int | None = None
) -> datetime:
    """Copy the folders and regular files of `source` (never links, pipes or devices, nor folders
    named in `skip`, nor files not owned by `owner_uid` when given) into `dest`, private to this
    user; returns the latest inode change copied."""
    tmp = dest.with_name(f".{dest.name}.partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True, mode=0o700)
    latest, total = source.lstat().st_ctime, 0
    try:
        for dirpath, dirnames, filenames, dirfd in _walk(source):
            # A folder's entries added or removed count as a change, as they do for `content_time`.
            latest = max(latest, os.fstat(dirfd).st_ctime)
            here = tmp / os.path.relpath(dirpath, source)
            # fwalk lists links to folders among the folders (without entering them): drop them.
            dirnames[:] = [d for d in dirnames if d not in skip and _is_real_dir(d, dirfd)]
            for name in dirnames:
                (here / name).mkdir(mode=0o700)
            for name in filenames:
                try:
                    fd = os.open(name, _NO_FOLLOW, dir_fd=dirfd)
                except OSError:  # a link (ELOOP) or gone: not part of the work
                    continue
                with os.fdopen(fd, "rb") as src:
                    info = os.fstat(fd)
                    if not stat.S_ISREG(info.st_mode) or owner_uid not in (None, info.st_uid):
                        continue
                    total += info.st_size
                    if total > MAX_SUBMISSION_BYTES:
                        raise UnsafeSubmission(f"larger than {MAX_SUBMISSION_BYTES:,} bytes")
                    latest = max(latest, info.st_ctime)
                    with open(here / name, "xb") as out:
                        shutil.copyfileobj(src, out)
                    # Changed while being copied: the copy is as late as that change.
                    latest = max(latest, os.fstat(fd).st_ctime)
        shutil.rmtree(dest, ignore_errors=True)
        tmp.rename(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return datetime.fromtimestamp(latest, UTC)


def _is_real_dir(name: str, dirfd: int) -> bool:
    try:
        return stat.S_ISDIR(os.stat(name, dir_fd=dirfd, follow_symlinks=False).st_mode)
    except OSError:
        return False
