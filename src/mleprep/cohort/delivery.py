"""The mentor's side of a cohort on JupyterHub: release through nbgrader's exchange, collect what
the clock service stamped, and hand feedback back.

Collecting is mleprep's own, in one respect: nbgrader picks a candidate's latest submission by the
timestamp in the folder's name, which the candidate's client writes. Here the latest is the one
the clock service stamped last, and the attempt record graded with it is written from the
service's records over anything the candidate put in the folder.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from mleprep.cohort.attempt_store import AttemptStore, CohortAttempt, CohortError
from mleprep.cohort.clock_sweep import STAMPED_DIR, sweep
from mleprep.cohort.exchange_files import ExchangeCourse
from mleprep.core.defaults import ATTEMPT_FILE
from mleprep.course.attempt_record import Attempt, write_attempt
from mleprep.course.nbgrader_steps import ensure_registered, open_gradebook, put_environment_on_path
from mleprep.course.root import Course

COLLECTED_DIR = "collected"
DEFAULT_EXCHANGE = Path("/srv/nbgrader/exchange")


def exchange_of(course: Course, root: Path | None = None) -> ExchangeCourse:
    """The course's folders in the exchange at `root` (default: the course config's Exchange.root)."""
    config = course.nbgrader_config()
    if root is None:
        root = Path(str(config.Exchange.get("root") or DEFAULT_EXCHANGE))
    return ExchangeCourse(root, str(config.CourseDirectory.get("course_id") or "mleprep"))


def _run_exchange(step: Any, course: Course, exchange: ExchangeCourse, **coursedir: Any) -> str:
    """One of nbgrader's exchange steps with the course's config; its log on failure."""
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange import ExchangeError

    put_environment_on_path()
    config = course.nbgrader_config()
    config.CourseDirectory.db_url = course.db_url(config)
    config.CourseDirectory.course_id = exchange.course_id
    config.Exchange.root = str(exchange.root)
    for key, value in coursedir.items():
        setattr(config.CourseDirectory, key, value)
    coursedir_obj = CourseDirectory(config=config)
    app = step(coursedir=coursedir_obj, authenticator=Authenticator(config=config), config=config)
    app.force = True
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    app.log.addHandler(handler)
    try:
        app.start()
    except ExchangeError as exc:
        raise CohortError(f"nbgrader {step.__name__}: {records[-1] if records else exc}") from exc
    finally:
        app.log.removeHandler(handler)
    return "\n".join(records)


def release_to_cohort(
    *,
    course: Course,
    assignment_id: str,
    now: datetime,
    exchange_root: Path | None = None,
    time_limit_s: int | None = None,
    opens: datetime | None = None,
    closes: datetime | None = None,
) -> dict[str, Any]:
    """Publish assignments/<id> to the exchange's outbound and open its clock for the cohort."""
    from nbgrader.exchange.default import ExchangeReleaseAssignment

    assignment = course.assignment(assignment_id)
    if not (course.release_dir / assignment_id / assignment.notebook).is_file():
        raise CohortError(f"{assignment_id} is not released: run `mleprep release {assignment_id}` first")
    exchange = exchange_of(course, exchange_root)
    ensure_registered(course=course, assignment_id=assignment_id)
    _run_exchange(ExchangeReleaseAssignment, course, exchange, assignment_id=assignment_id)
    store = AttemptStore(course.db_url())
    try:
        release = store.release(
            assignment=assignment_id,
            time_limit_s=time_limit_s or assignment.time_limit_s,
            now=now,
            opens=opens,
            closes=closes,
        )
    finally:
        store.close()
    return {
        "assignment": assignment_id,
        "outbound": str(exchange.outbound / assignment_id),
        "time_limit_s": release.time_limit_s,
        "opens": release.opens.isoformat() if release.opens else None,
        "closes": release.closes.isoformat() if release.closes else None,
    }


def add_candidates(*, course: Course, names: list[str]) -> list[str]:
    """Put candidates on the course roster (nbgrader's students); the report lists who never started."""
    with open_gradebook(course) as gb:
        for name in names:
            gb.update_or_create_student(name)
        return sorted(s.id for s in gb.students)


def roster(course: Course) -> list[str]:
    with open_gradebook(course) as gb:
        return sorted(s.id for s in gb.students)


def extend(*, course: Course, candidate: str, assignment_id: str, seconds: int) -> CohortAttempt:
    store = AttemptStore(course.db_url())
    try:
        return store.extend(candidate=candidate, assignment=assignment_id, seconds=seconds)
    finally:
        store.close()


@dataclass
class Collected:
    assignment: str
    folder: Path
    candidates: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "assignment": self.assignment,
            "folder": str(self.folder),
            "candidates": self.candidates,
            "problems": self.problems,
        }


def _graded_attempt(attempt: CohortAttempt, notebook: str, folder: Path) -> tuple[Attempt, str | None]:
    last = attempt.last_submission
    assert last is not None
    note = None
    started = attempt.started_at
    if started is None:
        # A submission with no start seen: measured from the release (or the window's opening).
        started = max(filter(None, (attempt.release.released_at, attempt.release.opens)))
        note = "no start recorded by the clock service: time measured from the release"
        attempt = CohortAttempt(
            attempt.candidate, attempt.release, started, attempt.extension_s, attempt.submissions
        )
    deadline = attempt.deadline or started + timedelta(seconds=attempt.release.time_limit_s)
    record = Attempt(
        assignment=attempt.release.assignment,
        notebook=notebook,
        started_at=started,
        deadline=deadline,
        time_limit_s=attempt.release.time_limit_s,
        folder=folder,
        submitted_at=last.submitted_at,
    )
    return record, note


def collect(
    *, course: Course, assignment_id: str, now: datetime, exchange_root: Path | None = None
) -> Collected:
    """Copy each candidate's last stamped submission to collected/<id>/<candidate>/, ready for
    `mleprep grade <id> --submissions collected/<id>`, with the service's attempt record."""
    assignment = course.assignment(assignment_id)
    exchange = exchange_of(course, exchange_root)
    store = AttemptStore(course.db_url())
    out = course.root / COLLECTED_DIR / assignment_id
    result = Collected(assignment_id, out)
    try:
        # A round of the service's own sweep first: nothing is lost if the service was down.
        report = sweep(
            store=store,
            exchange=exchange,
            stamped_dir=course.root / STAMPED_DIR,
            roster=roster(course),
            notebooks={assignment_id: assignment.notebook},
            now=now,
        )
        result.problems += report.refused + report.problems
        for attempt in store.attempts(assignment=assignment_id):
            last = attempt.last_submission
            if last is None:
                continue
            # The copy taken when it was stamped: what the candidate handed in, not what is there now.
            source = course.root / STAMPED_DIR / assignment_id / last.exchange_name
            if not source.is_dir():
                result.problems.append(
                    f"{attempt.candidate}: the stamped copy of {last.exchange_name} is missing"
                )
                continue
            dest = out / attempt.candidate
            tmp = out / f".{attempt.candidate}.partial"
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree(source, tmp)
            (tmp / ATTEMPT_FILE).unlink(missing_ok=True)
            record, note = _graded_attempt(attempt, assignment.notebook, tmp)
            write_attempt(record)
            shutil.rmtree(dest, ignore_errors=True)
            tmp.rename(dest)
            result.candidates.append(
                {
                    "candidate": attempt.candidate,
                    "submitted_at": last.submitted_at.isoformat(timespec="seconds"),
                    "late_s": round(record.late_s(last.submitted_at), 1),
                    "submitted_by_service": last.by_service,
                    "note": note,
                }
            )
    finally:
        store.close()
    return result


def release_feedback(*, course: Course, assignment_id: str, exchange_root: Path | None = None) -> list[str]:
    """nbgrader's release_feedback for every graded candidate; returns who got feedback."""
    from nbgrader.exchange.default import ExchangeReleaseFeedback

    exchange = exchange_of(course, exchange_root)
    released = []
    for folder in sorted(course.feedback_dir.glob(f"*/{assignment_id}")):
        candidate = folder.parent.name
        collected = course.root / COLLECTED_DIR / assignment_id / candidate
        # nbgrader files feedback under a hash of the secret the candidate's submit wrote.
        for name in ("submission_secret.txt", "timestamp.txt"):
            if not (folder / name).is_file() and (collected / name).is_file():
                shutil.copy2(collected / name, folder / name)
        if not (folder / "submission_secret.txt").is_file() or not list(folder.glob("*.html")):
            continue
        _run_exchange(
            ExchangeReleaseFeedback, course, exchange, assignment_id=assignment_id, student_id=candidate
        )
        released.append(candidate)
    if not released:
        raise CohortError(
            f"no feedback to release for {assignment_id}: grade the collected submissions first"
        )
    return released
