"""nbgrader's own converters (generate_assignment, autograde, generate_feedback) with the course's config.

nbgrader's converters raise one generic exception and put the cause in their log; these wrappers
turn that into an NbgraderStepError whose message is the first real error line of the log.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mleprep.core.errors import MleprepError
from mleprep.course.root import Course


class NbgraderStepError(MleprepError, RuntimeError):
    """An nbgrader step failed; `.log` holds nbgrader's full log."""

    exit_code = 1

    def __init__(self, message: str, log: str) -> None:
        super().__init__(message)
        self.log = log


def _first_error(log: str, fallback: str) -> str:
    """The exception line of the first traceback in nbgrader's log, else its first specific error."""
    boring = ("There was an error processing", "Please see the", "Removing failed", "Traceback")
    in_traceback, last_indented, first_specific = False, "", ""
    for line in log.splitlines():
        if line.startswith("[ERROR] Traceback"):
            if in_traceback and last_indented:
                return last_indented  # a second traceback began: the first one has ended
            in_traceback = True
        elif in_traceback and line.startswith(" ") and line.strip():
            last_indented = line.strip()
        elif in_traceback and line.startswith("["):
            if last_indented:
                return last_indented
            in_traceback = False  # an empty traceback: an earlier or later error may say more
        elif line.startswith(("[ERROR]", "[CRITICAL]")) and not first_specific:
            text = line.split("]", 1)[1].strip()
            if text and not text.startswith(boring):
                first_specific = text
    return last_indented or first_specific or fallback


def put_environment_on_path() -> None:
    # nbgrader runs `alembic` by name when it creates a gradebook, and jupyter_client looks kernels
    # up on PATH: both must come from this interpreter's environment even when it is not activated.
    bin_dir = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if bin_dir not in path.split(os.pathsep):
        # An empty PATH must not become "bin_dir:", whose empty entry means the working folder.
        os.environ["PATH"] = bin_dir + (os.pathsep + path if path else "")


def _alembic_head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from nbgrader.dbutil import ALEMBIC_DIR

    config = Config()
    config.set_main_option("script_location", ALEMBIC_DIR)
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


_STAMPED: set[str] = set()  # gradebooks this process has seen with tables: no need to look again


def stamp_new_gradebook(db_url: str) -> None:
    """Give a gradebook with no tables yet nbgrader's schema revision, as nbgrader would.

    nbgrader asks for the revision by running `alembic heads` in a subprocess every time it creates
    a gradebook (seconds); it is a fact of the installed nbgrader, so it is computed once per version.
    A database that already has tables is left alone.
    """
    from sqlalchemy import create_engine, inspect, text

    from mleprep.core.version_cache import cached_by_version

    if db_url in _STAMPED:
        return
    engine = create_engine(db_url)
    try:
        if inspect(engine).get_table_names():
            _STAMPED.add(db_url)
            return
        head = cached_by_version("gradebook-revision", "nbgrader", _alembic_head)
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
            connection.execute(
                text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": head}
            )
    finally:
        engine.dispose()


def assignment_registered(course: Course, assignment_id: str) -> bool:
    """Whether nbgrader's gradebook knows the assignment, read without importing nbgrader (1.5 s).

    Reads nbgrader's own `assignment` table; anything unexpected reads as "not registered", and
    registering again through nbgrader is always safe.
    """
    from sqlalchemy import create_engine, inspect, text

    config = course.nbgrader_config()
    engine = create_engine(course.db_url(config))
    try:
        if not inspect(engine).has_table("assignment"):
            return False
        columns = {c["name"] for c in inspect(engine).get_columns("assignment")}
        query = "SELECT 1 FROM assignment WHERE name = :name"
        params = {"name": assignment_id}
        if "course_id" in columns:
            query += " AND course_id = :course"
            params["course"] = config.CourseDirectory.get("course_id", "")
        with engine.connect() as connection:
            return connection.execute(text(query), params).first() is not None
    except Exception:  # a gradebook nbgrader itself will explain better
        return False
    finally:
        engine.dispose()


def _run(converter_cls: Any, course: Course, overrides: dict[str, dict[str, Any]], **coursedir: Any) -> str:
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.utils import capture_log

    put_environment_on_path()
    config = course.nbgrader_config(**overrides)
    config.CourseDirectory.db_url = course.db_url(config)
    for key, value in coursedir.items():
        setattr(config.CourseDirectory, key, value)
    stamp_new_gradebook(config.CourseDirectory.db_url)
    app = converter_cls(coursedir=CourseDirectory(config=config), config=config)
    app.force = True
    # nbgrader logs through traitlets' shared logger: capture the log instead of printing it.
    propagate, level = app.log.propagate, app.log.level
    app.log.propagate = False
    app.log.setLevel(logging.INFO)
    try:
        result = capture_log(app)
    finally:
        app.log.propagate, app.log.level = propagate, level
    log = result.get("log", "")
    if not result["success"]:
        error = result.get("error", "")
        reason = _first_error(log, error.strip().splitlines()[-1] if error else "unknown error")
        raise NbgraderStepError(reason, log + "\n" + error)
    return log


def generate_assignment(
    *, course: Course, assignment_id: str, release_dir: Path | None = None, db_url: str | None = None
) -> str:
    """Release `source/<id>` (into `release_dir` instead of assignments/ when given)."""
    from nbgrader.converters import GenerateAssignment

    coursedir: dict[str, Any] = {"assignment_id": assignment_id}
    if release_dir is not None:
        coursedir["release_directory"] = str(release_dir)
    if db_url is not None:
        coursedir["db_url"] = db_url
    return _run(GenerateAssignment, course, {"GenerateAssignment": {"create_assignment": True}}, **coursedir)


def drop_linked_copies(submitted: Path, dest: Path, *, restored: set[str]) -> None:
    """Delete from `dest` what nbgrader copied through a symbolic link of the submitted folder,
    except paths in `restored`, which nbgrader has overwritten with the source's own file.

    nbgrader's copy follows links, as the grader: a link to autograders/ would put the labels beside
    the candidate's code. Intake leaves links out; this holds for submissions that came another way.
    """
    for link in (p for p in submitted.rglob("*") if p.is_symlink()):
        if str(link.relative_to(submitted)) in restored:
            continue
        copied = dest / link.relative_to(submitted)
        if copied.is_dir() and not copied.is_symlink():
            shutil.rmtree(copied)
        else:
            copied.unlink(missing_ok=True)


def autograde(
    *,
    course: Course,
    assignment_id: str,
    student_id: str,
    settings: dict[str, dict[str, Any]] | None = None,
    stage: Callable[[Path], None] | None = None,
    keep: tuple[str, ...] = (),
) -> str:
    """nbgrader autograde of one submission in submitted/<student>/<assignment>/.

    `settings` are extra config sections, e.g. {"Execute": {"timeout": 60}}. `stage`, if given, is
    called with the autograded folder after nbgrader has copied the submission and the source's
    files into it and before the notebook runs: the one moment grading material can be put beside it.
    `keep` are paths (files or folders of source/<id>/) whose submitted copies are graded as they
    are: nbgrader otherwise overwrites every submitted file with the source's version.
    """
    from nbgrader.converters import Autograde

    class AutogradeFilesOnly(Autograde):  # type: ignore[misc]
        def init_assignment(self, assignment_id: str, student_id: str) -> None:
            super().init_assignment(assignment_id, student_id)
            dest = Path(self._format_dest(assignment_id, student_id))
            submitted = Path(self._format_source(assignment_id, student_id))
            drop_linked_copies(submitted, dest, restored=restored)
            if stage is not None:
                stage(dest)

    overrides: dict[str, dict[str, Any]] = {**(settings or {})}
    overrides["Autograde"] = {"create_student": True, **overrides.get("Autograde", {})}
    source = course.source_dir / assignment_id
    kept = [
        str(f.relative_to(source))
        for rel in keep
        for f in ([source / rel] if (source / rel).is_file() else sorted((source / rel).rglob("*")))
        if f.is_file()
    ]
    if kept:
        overrides["Autograde"]["exclude_overwriting"] = {assignment_id: kept}
    # nbgrader restores every other non-notebook file of the source folder over the submission's.
    restored = {
        str(f.relative_to(source)) for f in source.rglob("*") if f.is_file() and f.suffix != ".ipynb"
    } - set(kept)
    return _run(AutogradeFilesOnly, course, overrides, assignment_id=assignment_id, student_id=student_id)


def generate_feedback(*, course: Course, assignment_id: str, student_id: str) -> str:
    """nbgrader generate_feedback for one autograded submission (hidden tests redacted by the config)."""
    from nbgrader.converters import GenerateFeedback

    return _run(GenerateFeedback, course, {}, assignment_id=assignment_id, student_id=student_id)


@contextmanager
def open_gradebook(course: Course) -> Iterator[Any]:
    """nbgrader's Gradebook for the course (created, with its schema, on first use)."""
    from nbgrader.api import Gradebook

    put_environment_on_path()
    config = course.nbgrader_config()
    db_url = course.db_url(config)
    stamp_new_gradebook(db_url)
    with Gradebook(db_url, config.CourseDirectory.get("course_id", "")) as gb:
        yield gb


def ensure_registered(*, course: Course, assignment_id: str) -> None:
    """nbgrader autograde needs the assignment's cells in the gradebook: register them if absent."""
    import tempfile

    if assignment_registered(course, assignment_id):
        return
    # nbgrader registers the cells when it generates the assignment: into a scratch folder, so the
    # committed assignments/ folder is never touched.
    with tempfile.TemporaryDirectory(prefix="mleprep-register-") as tmp:
        generate_assignment(course=course, assignment_id=assignment_id, release_dir=Path(tmp))
