"""Submissions as mentors download them: a folder of candidate folders, or a zip of one.

A zip is only read: it is unpacked into a private temporary folder with every member checked, so a
hostile archive (paths out of the folder, links, a zip bomb) becomes a clear error, not damage.
"""

from __future__ import annotations

import contextlib
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from mleprep.grading.submissions import SubmissionError

MAX_UNPACKED_BYTES = 5 * 10**9
MAX_MEMBERS = 100_000
JUNK = ("__MACOSX", ".DS_Store", "Thumbs.db")


def _safe_members(archive: zipfile.ZipFile, zip_path: Path) -> list[zipfile.ZipInfo]:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise SubmissionError(f"{zip_path.name} has {len(members)} entries, more than {MAX_MEMBERS}")
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise SubmissionError(f"{zip_path.name} unpacks to more than {MAX_UNPACKED_BYTES // 10**9} GB")
    safe = []
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            raise SubmissionError(f"{zip_path.name} has an entry outside its folder: {member.filename!r}")
        if stat.S_ISLNK(member.external_attr >> 16) or any(part in JUNK for part in path.parts):
            continue
        safe.append(member)
    return safe


def _descend_wrapper(root: Path) -> Path:
    """LMS zips often hold one folder that holds the candidate folders: use that folder."""
    entries = [p for p in root.iterdir() if not p.name.startswith(".")]
    while len(entries) == 1 and entries[0].is_dir() and not any(entries[0].glob("*.ipynb")):
        root = entries[0]
        entries = [p for p in root.iterdir() if not p.name.startswith(".")]
    return root


@contextlib.contextmanager
def submissions_folder(path: Path) -> Iterator[Path]:
    """The folder of candidate folders at `path` (a folder, or a .zip unpacked for the duration)."""
    if path.is_dir():
        yield path
        return
    if not path.is_file():
        raise SubmissionError(f"{path} does not exist: give a folder of candidate folders or a .zip of one")
    if not zipfile.is_zipfile(path):
        raise SubmissionError(f"{path} is neither a folder nor a zip archive")
    tmp = Path(tempfile.mkdtemp(prefix="mleprep-zip-"))
    try:
        with zipfile.ZipFile(path) as archive:
            for member in _safe_members(archive, path):
                archive.extract(member, tmp)
        yield _descend_wrapper(tmp)
    except zipfile.BadZipFile as exc:
        raise SubmissionError(f"{path.name} is a damaged zip archive ({exc})") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
