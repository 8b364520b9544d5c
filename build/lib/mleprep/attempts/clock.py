"""Timed attempts: a candidate's own clock for a take-home, kept on disk beside their notebook.

An attempt is the folder `<workspace>/<assignment>/` holding a copy of the released assignment and
its attempt record (mleprep.course.attempt_record). The clock is always passed in (`now`), never
read here.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from mleprep.core.defaults import ATTEMPT_FILE
from mleprep.core.durations import format_duration
from mleprep.course.attempt_record import Attempt, AttemptError, iso, read_attempt, write_attempt
from mleprep.course.root import Course

WORKSPACE_ENV = "MLEPREP_WORKSPACE"
# Never copied into a workspace: it would be mistaken for the candidate's own record.
NOT_COPIED = shutil.ignore_patterns(ATTEMPT_FILE, ".ipynb_checkpoints", "__pycache__")


def default_workspace() -> Path:
    """$MLEPREP_WORKSPACE, else ~/mleprep-workspace."""
    return Path(os.environ.get(WORKSPACE_ENV) or Path.home() / "mleprep-workspace")


@contextlib.contextmanager
def _workspace_lock(workspace: Path) -> Iterator[None]:
    """Two `mleprep start` at once must not both believe they started the clock."""
    workspace.mkdir(parents=True, exist_ok=True)
    with (workspace / ".mleprep.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@dataclass(frozen=True)
class Started:
    attempt: Attempt
    resumed: bool
    notes: tuple[str, ...] = ()


def _archive_name(workspace: Path, assignment_id: str) -> Path:
    n = 1
    while (workspace / f"{assignment_id}-attempt-{n}").exists():
        n += 1
    return workspace / f"{assignment_id}-attempt-{n}"


def start_attempt(
    *,
    course: Course,
    assignment_id: str,
    workspace: Path,
    now: datetime,
    time_limit_s: int | None = None,
    retake: bool = False,
) -> Started:
    """Copy the released assignment into `workspace/<id>/` and start its clock, or resume it.

    A running clock is never reset. A submitted attempt is only replaced with `retake`, which
    keeps the old one as `<id>-attempt-N/`.
    """
    assignment = course.assignment(assignment_id)
    released = course.release_dir / assignment_id
    if not (released / assignment.notebook).is_file():
        raise AttemptError(f"{assignment_id} is not released: run `mleprep release {assignment_id}` first")
    if time_limit_s is not None and time_limit_s <= 0:
        raise AttemptError("the time limit must be longer than 0 s")
    workspace = workspace.resolve()
    folder = workspace / assignment_id
    notes: list[str] = []
    with _workspace_lock(workspace):
        existing = read_attempt(folder)
        if existing is not None and existing.submitted_at is None:
            if retake:
                raise AttemptError(
                    f"{assignment_id} is still running ({iso(existing.deadline)} deadline): "
                    f"submit it with `mleprep submit {assignment_id}` before a retake"
                )
            if time_limit_s is not None and time_limit_s != existing.time_limit_s:
                notes.append(
                    f"the running clock keeps its limit of {format_duration(existing.time_limit_s)}; "
                    "--time-limit applies to new attempts only"
                )
            for missing in _restore_missing(released, folder):
                notes.append(f"restored {missing} from the released assignment (it was missing)")
            return Started(existing, resumed=True, notes=tuple(notes))
        if existing is not None:
            if not retake:
                raise AttemptError(
                    f"{assignment_id} was already submitted at {iso(existing.submitted_at)} "  # type: ignore[arg-type]
                    f"(feedback in {folder / 'feedback'}); to practise it again from scratch, "
                    f"run `mleprep start {assignment_id} --retake` (the old attempt is kept)"
                )
            archive = _archive_name(workspace, assignment_id)
            folder.rename(archive)
            notes.append(f"the previous attempt was moved to {archive}")
        elif folder.exists() and any(folder.iterdir()):
            raise AttemptError(
                f"{folder} exists but holds no attempt record: move it away or choose another --workspace"
            )
        shutil.copytree(released, folder, ignore=NOT_COPIED, dirs_exist_ok=True)
        started = now.astimezone(UTC).replace(microsecond=0)
        limit = time_limit_s if time_limit_s is not None else assignment.time_limit_s
        attempt = Attempt(
            assignment=assignment_id,
            notebook=assignment.notebook,
            started_at=started,
            deadline=started + timedelta(seconds=limit),
            time_limit_s=limit,
            folder=folder,
        )
        write_attempt(attempt)
    return Started(attempt, resumed=False, notes=tuple(notes))


def _restore_missing(released: Path, folder: Path) -> list[str]:
    """Files of the release absent from the attempt folder (never overwrites the candidate's work)."""
    restored = []
    for src in sorted(released.rglob("*")):
        rel = src.relative_to(released)
        dest = folder / rel
        if src.is_file() and rel.name != ATTEMPT_FILE and not dest.exists():
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest)
            restored.append(str(rel))
    return restored


def list_attempts(*, workspace: Path) -> list[Attempt]:
    """Every attempt folder directly in `workspace`, by assignment id (damaged records are skipped)."""
    if not workspace.is_dir():
        return []
    attempts = []
    for folder in sorted(p for p in workspace.iterdir() if p.is_dir()):
        with contextlib.suppress(AttemptError):
            if (attempt := read_attempt(folder)) is not None:
                attempts.append(attempt)
    return attempts


def find_attempt(*, workspace: Path, assignment_id: str) -> Attempt:
    folder = workspace.resolve() / assignment_id
    attempt = read_attempt(folder)
    if attempt is None:
        raise AttemptError(
            f"no attempt of {assignment_id} in {workspace}: start one with `mleprep start {assignment_id}`"
        )
    return attempt


def stop_clock(*, workspace: Path, assignment_id: str, now: datetime) -> Attempt:
    """Record the submission time once; submitting again keeps the first time."""
    with _workspace_lock(workspace.resolve()):
        attempt = find_attempt(workspace=workspace, assignment_id=assignment_id)
        if attempt.submitted_at is None:
            attempt = replace(attempt, submitted_at=now.astimezone(UTC).replace(microsecond=0))
            write_attempt(attempt)
    return attempt
