"""Author side: generate assignments/<id> from source/<id> through nbgrader, then prove nothing leaked."""

from __future__ import annotations

import filecmp
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mleprep.authoring.leak_scan import Leak, scan_release
from mleprep.authoring.notebook_contract import check_contract
from mleprep.core.defaults import AUTHOR_NOTES
from mleprep.core.errors import MleprepError
from mleprep.course.nbgrader_steps import NbgraderStepError, generate_assignment
from mleprep.course.root import Course


class ReleaseLeakError(MleprepError, RuntimeError):
    """The generated release revealed hidden material; it has been deleted."""

    exit_code = 1

    def __init__(self, assignment_id: str, leaks: list[Leak]) -> None:
        lines = "\n".join(f"  - {leak}" for leak in leaks)
        super().__init__(f"release of {assignment_id!r} removed, it leaked:\n{lines}")
        self.leaks = leaks


# nbgrader's refusal to change an assignment's graded cells once submissions exist (savecells.py).
GRADED_CELLS_CHANGED = "Cannot add or remove cells"


@dataclass(frozen=True)
class ReleaseResult:
    assignment_id: str
    path: Path
    files: tuple[str, ...]


def release(
    *, course: Course, assignment_id: str, release_dir: Path | None = None, db_url: str | None = None
) -> ReleaseResult:
    """Regenerate the candidate version of an assignment and fail if it leaks anything hidden.

    `release_dir` and `db_url` redirect the output and nbgrader's gradebook (for scratch releases).
    """
    assignment = course.assignment(assignment_id)
    check_contract(assignment)
    root = release_dir if release_dir is not None else course.release_dir
    try:
        generate_assignment(course=course, assignment_id=assignment_id, release_dir=root, db_url=db_url)
    except NbgraderStepError as exc:
        if GRADED_CELLS_CHANGED not in str(exc):
            raise
        raise NbgraderStepError(
            f"{exc}. The gradebook ({db_url or course.db_url()}) holds graded "
            f"submissions of {assignment_id!r} made with the old cells, and nbgrader will not change the "
            "cells under them: release the edited notebook under a new id (a copy of source/"
            f"{assignment_id}/), or keep grading the old version; a gradebook with no submissions (a fresh "
            "checkout) releases it",
            exc.log,
        ) from exc
    out = root / assignment_id
    (out / AUTHOR_NOTES).unlink(missing_ok=True)  # nbgrader releases every file of the source folder
    leaks = scan_release(out, assignment=assignment, hidden_dir=course.hidden_dir(assignment_id))
    if leaks:
        shutil.rmtree(out, ignore_errors=True)
        raise ReleaseLeakError(assignment_id, leaks)
    files = tuple(sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()))
    return ReleaseResult(assignment_id, out, files)


def _tree_differences(expected: Path, actual: Path) -> list[str]:
    def files(root: Path) -> set[str]:
        return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()} if root.is_dir() else set()

    want, have = files(expected), files(actual)
    problems = [f"{name} is missing from {actual}" for name in sorted(want - have)]
    problems += [f"{name} in {actual} is not part of the release" for name in sorted(have - want)]
    problems += [
        f"{name} in {actual} differs from a fresh release"
        for name in sorted(want & have)
        if not filecmp.cmp(expected / name, actual / name, shallow=False)
    ]
    return problems


def release_drift(*, course: Course, assignment_id: str) -> list[str]:
    """How the committed assignments/<id> differs from releasing source/<id> now (empty: in sync)."""
    with tempfile.TemporaryDirectory(prefix="mleprep-release-") as tmp:
        fresh = release(
            course=course,
            assignment_id=assignment_id,
            release_dir=Path(tmp) / "release",
            db_url=f"sqlite:///{tmp}/gradebook.db",
        )
        problems = _tree_differences(fresh.path, course.release_dir / assignment_id)
    return [f"{p} (run: mleprep release {assignment_id})" for p in problems]
