"""Intake of candidate folders: find them, name them, copy them into nbgrader's submitted/ tree.

Originals are only ever read. Everything that could go wrong with a folder is found here, before
a kernel starts, and becomes a message a mentor can act on.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mleprep.core.defaults import EXPORT_DIR, SUBMISSION_DIR
from mleprep.core.errors import MleprepError
from mleprep.core.notebook_cells import read_node

# nbgrader uses the student id in paths and in its database: keep it to safe characters.
CANDIDATE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")
# A folder handed in with its solo submit snapshot (.submission) is graded without it.
IGNORED = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", EXPORT_DIR, SUBMISSION_DIR)


class SubmissionError(MleprepError, ValueError):
    """A submission folder that cannot be graded; the message says what to fix."""


@dataclass(frozen=True)
class Intake:
    candidate: str
    folder: Path
    notes: tuple[str, ...] = ()


def candidate_folders(submissions: Path) -> list[Path]:
    """Every candidate folder directly inside `submissions`, sorted by name."""
    if not submissions.is_dir():
        raise SubmissionError(f"{submissions} is not a folder of candidate folders")
    return sorted(p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith("."))


def loose_notebooks(submissions: Path) -> list[Path]:
    """Notebooks lying directly in `submissions`, outside any candidate folder (a common mistake)."""
    return sorted(p for p in submissions.glob("*.ipynb") if p.is_file())


def _find_notebook(folder: Path, expected: str) -> tuple[Path, tuple[str, ...]]:
    if (folder / expected).is_file():
        return folder / expected, ()
    notebooks = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if len(notebooks) == 1:
        found = notebooks[0]
        return found, (f"graded {found.relative_to(folder)} as {expected} (the only notebook in the folder)",)
    if not notebooks:
        raise SubmissionError(f"no notebook in the folder: expected {expected}")
    names = ", ".join(str(p.relative_to(folder)) for p in notebooks)
    raise SubmissionError(f"{expected} is missing and the folder has several notebooks ({names}): rename one")


def _check_notebook(path: Path) -> None:
    if path.stat().st_size == 0:
        raise SubmissionError(
            f"{path.name} is an empty file: save the notebook in JupyterLab and submit again"
        )
    try:
        nb = read_node(path)
    except Exception as exc:  # nbformat raises several unrelated types for unreadable files
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SubmissionError(f"{path.name} is not a readable notebook ({first})") from exc
    if not nb.cells:
        raise SubmissionError(f"{path.name} has no cells")


def _files_only(skipped_links: list[str], root: Path) -> Callable[[str, list[str]], set[str]]:
    """A copytree `ignore` that leaves out what IGNORED does and every symbolic link, noting the links."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        left_out = set(IGNORED(directory, names))
        for name in names:
            path = Path(directory) / name
            if path.is_symlink():
                left_out.add(name)
                skipped_links.append(str(path.relative_to(root)))
        return left_out

    return ignore


def stage_submission(*, folder: Path, assignment_id: str, notebook: str, submitted_dir: Path) -> Intake:
    """Copy one candidate folder to submitted/<candidate>/<assignment>/ with the notebook under its name."""
    candidate = folder.name
    if not CANDIDATE_NAME.match(candidate):
        raise SubmissionError(
            f"folder name {candidate!r} cannot be a candidate id: use letters, digits, '.', '_', '-' or '@'"
        )
    source_nb, notes = _find_notebook(folder, notebook)
    if source_nb.is_symlink():  # reading it would read whatever it points at, as the grader
        raise SubmissionError(f"{source_nb.name} is a symbolic link, not a notebook: submit the file itself")
    _check_notebook(source_nb)
    dest = submitted_dir / candidate / assignment_id
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    # A link is left out, never followed: nbgrader copies what a link points at, as the grader, beside
    # the candidate's code (a link to autograders/ would hand the kernel the labels).
    links: list[str] = []
    shutil.copytree(folder, dest, symlinks=True, ignore=_files_only(links, folder))
    if source_nb != folder / notebook:
        (dest / source_nb.relative_to(folder)).rename(dest / notebook)
    if links:
        shown = ", ".join(links[:5]) + (f" and {len(links) - 5} more" if len(links) > 5 else "")
        notes += (
            f"left out {len(links)} symbolic link(s) ({shown}): a submission is graded from its own files",
        )
    return Intake(candidate, dest, notes)
