"""The course on disk: where its folders are, its assignments, and nbgrader's configuration for it."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mleprep.core import defaults
from mleprep.core.defaults import CONFIG_FILE, SPEC_FILE
from mleprep.core.errors import MleprepError
from mleprep.course.spec import Assignment, load_assignment

if TYPE_CHECKING:
    from traitlets.config import Config

COURSE_ENV = "MLEPREP_COURSE"


class CourseError(MleprepError, LookupError):
    """The course or an assignment in it cannot be found."""


@dataclass(frozen=True)
class Course:
    """A course root: nbgrader_config.py beside source/, assignments/ and autograders/.

    `db` overrides the gradebook URL of nbgrader_config.py (e.g. a PostgreSQL server mentors share).
    """

    root: Path
    db: str | None = None

    @property
    def source_dir(self) -> Path:
        return self.root / defaults.SOURCE_DIR

    @property
    def release_dir(self) -> Path:
        return self.root / defaults.RELEASE_DIR

    @property
    def autograders_dir(self) -> Path:
        return self.root / defaults.AUTOGRADERS_DIR

    @property
    def submitted_dir(self) -> Path:
        return self.root / defaults.SUBMITTED_DIR

    @property
    def autograded_dir(self) -> Path:
        return self.root / defaults.AUTOGRADED_DIR

    @property
    def feedback_dir(self) -> Path:
        return self.root / defaults.FEEDBACK_DIR

    @property
    def reports_dir(self) -> Path:
        return self.root / defaults.REPORTS_DIR

    @property
    def guide_dir(self) -> Path:
        return self.root / defaults.GUIDE_DIR

    def hidden_dir(self, assignment_id: str) -> Path:
        return self.autograders_dir / assignment_id

    def assignment_ids(self) -> list[str]:
        if not self.source_dir.is_dir():
            return []
        return sorted(p.name for p in self.source_dir.iterdir() if (p / SPEC_FILE).is_file())

    def assignment(self, assignment_id: str) -> Assignment:
        folder = self.source_dir / assignment_id
        if not (folder / SPEC_FILE).is_file():
            known = ", ".join(self.assignment_ids()) or "none"
            raise CourseError(f"no assignment {assignment_id!r} in {self.source_dir} (known: {known})")
        return load_assignment(folder)

    def assignments(self) -> list[Assignment]:
        return [self.assignment(i) for i in self.assignment_ids()]

    def nbgrader_config(self, **overrides: dict[str, object]) -> Config:
        """The course's nbgrader_config.py only (not ~/.jupyter), rooted here, plus `overrides`.

        `overrides` maps a configurable class name to its settings, e.g. Execute={"timeout": 60}.
        """
        import copy

        from traitlets.config import Config

        config = Config()
        path = self.root / CONFIG_FILE
        if path.is_file():
            config.merge(copy.deepcopy(_course_file_config(path, path.stat().st_mtime_ns)))
        config.CourseDirectory.root = str(self.root)
        if self.db:
            config.CourseDirectory.db_url = self.db
        for section, values in overrides.items():
            for key, value in values.items():
                setattr(config[section], key, value)
        return config

    def db_url(self, config: Config | None = None) -> str:
        """The gradebook's URL from `config` (default: the course's nbgrader_config.py)."""
        if self.db:
            return self.db
        url = (config or self.nbgrader_config()).CourseDirectory.get("db_url")
        # Parallel workers write to one SQLite file: wait for its lock rather than fail at once.
        return str(url) if url else f"sqlite:///{self.root / defaults.GRADEBOOK_FILE}?timeout=120"


@functools.lru_cache(maxsize=8)
def _course_file_config(path: Path, mtime_ns: int) -> Config:
    """nbgrader_config.py executed once per version of the file (grading asks for it many times)."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def find_course(start: Path | None = None) -> Course:
    """The course containing `start` (default: $MLEPREP_COURSE, then the working directory)."""
    if start is None:
        start = Path(os.environ.get(COURSE_ENV) or Path.cwd())
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file() and (folder / defaults.SOURCE_DIR).is_dir():
            return Course(folder)
    raise CourseError(
        f"no course found at or above {start}: a course root has {CONFIG_FILE} and source/ "
        f"(run from the mleprep checkout, or pass --course DIR or set {COURSE_ENV})"
    )
